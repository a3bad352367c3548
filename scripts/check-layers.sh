#!/usr/bin/env bash
# Enforce the layer rules of docs/architecture.md on #include lines, so a
# forbidden dependency fails the build even where the header is installed
# system-wide. Run by the build (target check-layers) and by `make test`.
set -euo pipefail
root=${1:-.}
cd "$root/src"

# Project folders each folder may include from (itself is always allowed).
declare -A may=(
  [base]=""
  [domain]="base"
  [app]="base domain"
  [wire]="base domain app"
  [net]="base"
  [crypto]="base app"
  [engine]="base domain app net"
  [http]="base domain app wire net engine"
  [api]="base domain app wire net engine http"
  [realtime]="base domain app wire net http engine"
  [store]="base domain app"
  [bus]="base app net"
  # domain: the adapters draw or send the domain's plain types the ports carry (a receipt).
  [integrations]="base domain app net"
  [cmd]="base domain app wire net crypto engine http api realtime store bus integrations"
)
# Third-party headers (regex on the <...> name) and the folders that may use them.
declare -A lib=(
  ['^uv\.h$|^uv/']="net engine http api realtime bus integrations cmd store"
  ['^http_parser\.h$']="http"
  ['^wslay/']="realtime"
  ['^jansson\.h$']="wire http api realtime crypto integrations cmd bus"
  ['^sodium']="crypto"
  # JWTs: the access tokens (crypto) and a video provider's grants and webhooks (integrations).
  ['^jwt\.h$']="crypto integrations"
  ['^curl/']="integrations"
  ['^sqlite3\.h$']="store"
  ['^libpq-fe\.h$|^postgres']="store"
  ['^hiredis/']="bus"
  ['^vips/']="integrations"
  # Receipts and invoices as PDF (integrations/pdf).
  ['^cairo(-pdf)?\.h$|^pango/|^fontconfig/']="integrations"
  ['^openssl/']="crypto integrations realtime"
  ['^zlib\.h$']="http"
  ['^cmocka\.h$']=""
  # ICU: Unicode data and algorithms, pure functions; only the domain's text folding.
  ['^unicode/']="domain"
)
# Inside store: the SQL driver interface (store/db) and the queries written once over it
# (store/sql) know no particular database: no client library, no adapter folder; and the
# driver sits below the queries. (Regex on the include as written, quotes or brackets kept.)
# Inside realtime: the I/O-free codecs (ws, engineio, socketio) know no gateway, and the
# generic gateway knows no live room (Blytz's namespace, which plugs into it).
declare -A sub=(
  [store/db]='^<(sqlite3\.h|libpq-fe\.h)>$|^"store/(sqlite|pg|sql)/'
  [store/sql]='^<(sqlite3\.h|libpq-fe\.h)>$|^"store/(sqlite|pg)/'
  [realtime/ws]='^"realtime/(gateway|live)/'
  [realtime/engineio]='^"realtime/(gateway|live)/'
  [realtime/socketio]='^"realtime/(gateway|live)/'
  [realtime/gateway]='^"realtime/live/'
)
declare -A subwhy=(
  [store/db]="is database-neutral" [store/sql]="is database-neutral"
  [realtime/ws]="is an I/O-free codec" [realtime/engineio]="is an I/O-free codec"
  [realtime/socketio]="is an I/O-free codec" [realtime/gateway]="is the generic gateway"
)
# Pure layers may use only the C library and POSIX.
libc='^(assert|ctype|errno|float|inttypes|limits|locale|math|setjmp|signal|stdalign|stdarg|stdatomic|stdbool|stddef|stdint|stdio|stdlib|string|strings|time|unistd|fcntl|pthread|sys/[a-z]+)\.h$'

fail=0
while IFS= read -r file; do
  top=${file%%/*}
  [ -n "${may[$top]+x}" ] || { echo "check-layers: unknown folder for $file"; fail=1; continue; }
  folder=${file%/*}
  while IFS= read -r inc; do
    if [ -n "${sub[$folder]+x}" ] && [[ $inc =~ ${sub[$folder]} ]]; then
      echo "check-layers: $file includes $inc, but $folder ${subwhy[$folder]}"; fail=1
    fi
    if [[ $inc =~ ^\"([a-z_]+)/ ]]; then
      dep=${BASH_REMATCH[1]}
      [ "$dep" = "$top" ] && continue
      [[ " ${may[$top]} " == *" $dep "* ]] && continue
      echo "check-layers: $file includes $inc, but $top may not depend on $dep"; fail=1
    elif [[ $inc =~ ^\<(.+)\>$ ]]; then
      h=${BASH_REMATCH[1]}
      matched=0
      for re in "${!lib[@]}"; do
        if [[ $h =~ $re ]]; then
          matched=1
          [[ " ${lib[$re]} " == *" $top "* ]] || { echo "check-layers: $file includes <$h>, not allowed in $top"; fail=1; }
        fi
      done
      if [ $matched = 0 ] && [[ " base domain app " == *" $top "* ]] && ! [[ $h =~ $libc ]]; then
        echo "check-layers: $file includes <$h>; $top may use only the C library"; fail=1
      fi
    fi
  done < <(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*\([<"][^>"]*[>"]\).*/\1/p' "$file")
done < <(find . -name '*.[ch]' | sed 's|^\./||' | sort)
exit $fail
