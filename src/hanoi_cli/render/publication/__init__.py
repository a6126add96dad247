"""What only publication needs: the world map (and its shipped geometry), short source labels and
credit lines, and the Atom feed."""
