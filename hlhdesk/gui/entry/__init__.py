"""Data entry helpers of the Data tab that are more than one form: the First-line
corticosteroids offer and the cumulative results grid."""
