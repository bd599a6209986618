"""The game catalogue, Start Game and the game sessions it opens."""
