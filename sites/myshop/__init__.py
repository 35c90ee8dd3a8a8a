"""MyShop: a logged-in customer changes their offer (reached from MyAccount)."""
