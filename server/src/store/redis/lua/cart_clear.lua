-- Empties the cart.
-- Returns: nil when missing, else 1
if not exists() then
  return nil
end
redis.call('DEL', KEYS[3])
touch()
return 1
