"""WeCare: customer care (find a customer, file, actions)."""
