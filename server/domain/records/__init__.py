"""Records a regulator reads: the significant events (``events``)."""
