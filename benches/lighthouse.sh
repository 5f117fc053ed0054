#!/usr/bin/env bash
# Lighthouse (npm package, mobile profile, Debian's Chromium) on five pages of a demo instance
# as its student: the dashboard, an entry, the new-entry form, search and the placement page.
# Usage: benches/lighthouse.sh   (PRAXIS_BIN picks the binary, LIGHTHOUSE the command;
# reports land in $OUT, default target/lighthouse). Not part of .ci/run: it takes minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}
praxis=${PRAXIS_BIN:-$target/debug/praxis}
lighthouse=${LIGHTHOUSE:-npx --yes lighthouse@12.8.2}
out=$(realpath -m "${OUT:-$target/lighthouse}")
port=${PRAXIS_LIGHTHOUSE_PORT:-18191}
base="http://127.0.0.1:$port"
data=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
  rm -rf "$data"
}
trap cleanup EXIT
mkdir -p "$out"

"$praxis" --data-dir "$data" demo --users 12 --entries 500 >/dev/null 2>&1
ROCKET_PORT=$port ROCKET_ADDRESS=127.0.0.1 "$praxis" --data-dir "$data" serve >/dev/null 2>&1 &
server=$!
for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  sleep 0.2
done

jar="$data/cookies"
token() { grep -o 'name="csrf" value="[0-9a-f]*"' "$1" | head -1 | sed 's/.*value="//; s/"$//'; }
curl -s -c "$jar" -b "$jar" "$base/sign-in" -o "$data/page.html"
curl -s -c "$jar" -b "$jar" -o /dev/null \
  --data-urlencode "csrf=$(token "$data/page.html")" --data-urlencode "username=demo-student-001" \
  --data-urlencode "password=praxis-demo-password" "$base/sign-in"
# A placement for the student, started three weeks ago.
curl -s -c "$jar" -b "$jar" "$base/placements/new" -o "$data/page.html"
educator=$(grep -A2 'id="educator"' "$data/page.html" | grep -o 'option value="[^"]*"' | head -1 | sed 's/.*="//; s/"$//')
level=$(grep -o 'name="level" value="[^"]*"' "$data/page.html" | head -1 | sed 's/.*value="//; s/"$//')
placement=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' \
  --data-urlencode "csrf=$(token "$data/page.html")" --data-urlencode "educator=$educator" \
  --data-urlencode "level=$level" --data-urlencode "setting=Local authority children's services" \
  --data-urlencode "team=Assessment" --data-urlencode "required_days=70" \
  --data-urlencode "starts_on=$(date -d '21 days ago' +%F)" \
  --data-urlencode "expected_end_on=$(date -d '120 days' +%F)" "$base/placements")
entry=$(curl -s -b "$jar" "$base/entries" | grep -o 'href="/entries/[0-9]*"' | head -1 | sed 's/href="//; s/"$//')
cookie=$(awk '!/^#/ || /^#HttpOnly_/ { if (NF >= 7) printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$jar")

printf '%-28s %6s %6s %6s\n' page perf a11y best
for path in / "$entry" "/entries/new?kind=reflection" "/search?q=s47" "${placement#$base}"; do
  name=$(echo "$path" | tr -c 'a-z0-9' '-' | sed 's/^-*//; s/-*$//'); name=${name:-dashboard}
  CHROME_PATH=/usr/bin/chromium $lighthouse "$base$path" --quiet --form-factor=mobile \
    --only-categories=performance,accessibility,best-practices \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu" \
    --extra-headers="{\"Cookie\": \"$cookie\"}" \
    --output=json --output-path="$out/$name.json" >/dev/null 2>&1
  node -e '
    const report = require(process.argv[1]);
    const score = (id) => Math.round(report.categories[id].score * 100);
    console.log(process.argv[2].padEnd(28), String(score("performance")).padStart(6),
      String(score("accessibility")).padStart(6), String(score("best-practices")).padStart(6));
  ' "$out/$name.json" "$path"
done
