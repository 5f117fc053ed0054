-- The team's requests, for wrk. The Rust side prepends the run's data: `users` (cookie and
-- token of each signed-in person), `ids` (entries each may read), `words` (search words),
-- `deck` (the order of request kinds, one letter each), `run_tag` (letters unique to the
-- run, so that each write's word is found by nobody else's search) and `ports` (of the
-- instances to spread the connections over; one unless several share a database).
--
-- Kinds: S API search, P search page, L entry list (page and API in turn), R API entry read,
-- E entry page, D dashboard, W API write. After a write answered 201, the next request of
-- the same connection is the writer's own API search for the word just written; whether it
-- finds the entry is counted (or that the search itself failed). Team runs give each wrk
-- thread one connection, so that request() and response() alternate and each response is
-- known to answer the last request.
-- (Runs of one kind only may share threads: every answer is then of that kind.)

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads)
  -- Instances on one database: each thread (and so each of its connections) talks to one
  -- of them, in turn, so that the load is spread evenly over them.
  if #ports > 1 then
    local port = ports[(#threads - 1) % #ports + 1]
    thread.addr = wrk.lookup("127.0.0.1", tostring(port))[1]
  end
end

-- Per thread (one Lua state each).
local position, user, sent, list_as_page = 1, 1, 0, true
local current = nil
local written = nil
statuses, found, missed, failed = {}, 0, 0, 0

local consonants = "bcdfghjklmnpqrtvwxz"

-- Letters only: the analyser keeps such a word whole, and stems it the same way in the
-- entry and in the query.
local function letters(number)
  local out = ""
  repeat
    local digit = number % #consonants
    out = string.sub(consonants, digit + 1, digit + 1) .. out
    number = math.floor(number / #consonants)
  until number == 0
  return out
end

function init(args)
  math.randomseed(thread_number * 7919 + 17)
  position = math.random(#deck)
  user = (thread_number % #users) + 1
  list_as_page = math.random(2) == 1
end

local function pick(list)
  return list[math.random(#list)]
end

local function get(path, person, page)
  local headers = {}
  if page then
    headers["Cookie"] = users[person].cookie
    headers["Accept"] = "text/html"
  else
    headers["Authorization"] = "Bearer " .. users[person].token
    headers["Accept"] = "application/json"
  end
  return wrk.format("GET", path, headers)
end

local function write(person, word)
  local body = '{"kind":"diary","title":"Team visit ' .. word .. '","body":"Home visit '
    .. 'with the family, checked the plan and agreed next steps. Marker ' .. word .. '."}'
  local headers = {
    ["Authorization"] = "Bearer " .. users[person].token,
    ["Accept"] = "application/json",
    ["Content-Type"] = "application/json",
  }
  return wrk.format("POST", "/api/v1/entries", headers, body)
end

function request()
  local kind = string.sub(deck, position, position)
  position = position % #deck + 1
  local person = user
  user = user % #users + 1
  sent = sent + 1
  if written ~= nil and kind == "S" then
    current = { kind = "S", check = true }
    local check = written
    written = nil
    return get("/api/v1/search?q=" .. check.word, check.person, false)
  end
  written = nil
  current = { kind = kind }
  if kind == "S" then
    return get("/api/v1/search?q=" .. pick(words), person, false)
  elseif kind == "P" then
    return get("/search?q=" .. pick(words), person, true)
  elseif kind == "L" then
    list_as_page = not list_as_page
    if list_as_page then
      return get("/entries", person, true)
    end
    current.kind = "J"
    return get("/api/v1/entries", person, false)
  elseif kind == "R" then
    return get("/api/v1/entries/" .. pick(ids[person]), person, false)
  elseif kind == "E" then
    return get("/entries/" .. pick(ids[person]), person, true)
  elseif kind == "D" then
    return get("/", person, true)
  end
  local word = "qz" .. run_tag .. "x" .. letters(thread_number) .. "x" .. letters(sent)
  current.word, current.person = word, person
  return write(person, word)
end

function response(status, headers, body)
  if current == nil then
    return
  end
  local key = current.kind .. " " .. status
  statuses[key] = (statuses[key] or 0) + 1
  if current.kind == "W" and status == 201 then
    written = { word = current.word, person = current.person }
  elseif current.check then
    local total = tonumber(string.match(body or "", '"total"%s*:%s*(%d+)'))
    if status ~= 200 then
      failed = failed + 1
    elseif total ~= nil and total > 0 then
      found = found + 1
    else
      missed = missed + 1
    end
  end
end

function done(summary, latency, requests)
  local by_status = {}
  local total_found, total_missed, total_failed = 0, 0, 0
  for _, thread in ipairs(threads) do
    for key, count in pairs(thread:get("statuses")) do
      by_status[key] = (by_status[key] or 0) + count
    end
    total_found = total_found + thread:get("found")
    total_missed = total_missed + thread:get("missed")
    total_failed = total_failed + thread:get("failed")
  end
  report(summary, latency)
  for key, count in pairs(by_status) do
    io.write(string.format("@load status %s %d\n", key, count))
  end
  io.write(string.format("@load found %d\n@load missed %d\n@load check_failed %d\n",
    total_found, total_missed, total_failed))
end
