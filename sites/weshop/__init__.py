"""WeShop: orders taken by store agents, distributors and call centres."""
