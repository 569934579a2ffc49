print("clerk-grants")
