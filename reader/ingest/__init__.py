"""Files on disk to articles: the scan, decoding, each format's parser, reader mode."""
