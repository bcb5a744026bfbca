-- wrk script for bench/cone.sh: every request is a TOP 100 cone search of radius 0.1 degree
-- at a random position, POSTed to /sync like a pyvo client would.
local function urlencode(text)
  return (text:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local path = os.getenv("TAP_PATH") or "/tap/sync"

function init(args)
  -- a different sequence per thread
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
end

function request()
  local ra = math.random() * 360
  local dec = math.deg(math.asin(2 * math.random() - 1))
  local query = string.format("SELECT TOP 100 * FROM demo.stars WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), "
      .. "CIRCLE('ICRS', %.6f, %.6f, 0.1))", ra, dec)
  return wrk.format("POST", path, {["Content-Type"] = "application/x-www-form-urlencoded"},
      "LANG=ADQL&REQUEST=doQuery&QUERY=" .. urlencode(query))
end
