// byline
