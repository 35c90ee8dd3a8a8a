"""SelfShop: online subscription for new customers (called from the operator's portal)."""
