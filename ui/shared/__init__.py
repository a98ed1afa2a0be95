"""Building blocks several pages use: labels and text direction, the long-task bar, the item editor."""
