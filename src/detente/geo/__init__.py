"""Geography and tone of events: the gazetteer (places by name, with coordinates),
where an event happened as its text puts it, the tone of a text on GDELT's scale,
and the world map drawn from shipped country outlines."""
