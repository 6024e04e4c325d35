"""newsreader: a keyboard-driven terminal reader for news archives."""
