"""What commands say, as plain data and sentences: the JSON payloads and their wording."""
