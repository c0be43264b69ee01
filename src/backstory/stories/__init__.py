"""Stories stage: group articles into stories over time and keep them up to date."""

from backstory.stories.cluster import Assignment, Clusterer, cluster, story_id_for
from backstory.stories.metrics import ClusterScores, score_clusters

__all__ = ["Assignment", "ClusterScores", "Clusterer", "cluster", "score_clusters", "story_id_for"]
