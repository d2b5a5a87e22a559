#!/usr/bin/env bash
# Generates a small, realistic ARRI-style camera card for demos and tests:
#   OUTDIR/A001R1AB/                     the card (ProRes 422 Proxy .mov clips + XML sidecars)
#   OUTDIR/sample-card-lines.tsv         clip <TAB> start seconds <TAB> sentence spoken there
#                                        (start = where the sentence's audio begins; festival adds
#                                        ~0.15 s of lead-in silence before the first word)
# Speech is synthesised with festival's cmu_us_slt_arctic_hts voice, which pocketsphinx recognises well.
# Usage: infra/make-sample-card.sh OUTDIR
set -euo pipefail

if [[ $# -ne 1 || -z "$1" ]]; then
  echo "usage: $0 OUTDIR" >&2
  exit 2
fi

OUTDIR=$1
REEL=A001R1AB
DATE_CODE=261121          # YYMMDD as ARRI writes it into clip names
SHOOT_DATE=2026-11-21
PRODUCTION="HARBOUR LIGHTS"
FONT=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
FPS=25
SIZE=1280x720

missing=()
for tool in ffmpeg ffprobe text2wave; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if (( ${#missing[@]} > 0 )); then
  echo "error: missing tools: ${missing[*]} (apt-get install ffmpeg festival festvox-us-slt-hts)" >&2
  exit 1
fi
if [[ ! -f "$FONT" ]]; then
  echo "error: font $FONT not found (apt-get install fonts-dejavu-core)" >&2
  exit 1
fi

CARD="$OUTDIR/$REEL"
if [[ -e "$CARD" ]]; then
  echo "error: $CARD already exists; remove it or choose another OUTDIR" >&2
  exit 1
fi
mkdir -p "$CARD"

# Scratch beside the card (the caller's data folder), never /tmp.
WORK=$(mktemp -d "$OUTDIR/.make-sample-card.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

LINES="$OUTDIR/sample-card-lines.tsv"
printf 'clip\tstart_seconds\tsentence\n' > "$LINES"
CARD_CLIPS=""

# speak SENTENCE OUT.wav
speak() {
  printf '%s\n' "$1" > "$WORK/say.txt"
  text2wave -eval '(voice_cmu_us_slt_arctic_hts)' "$WORK/say.txt" -o "$2" >/dev/null 2>&1 || {
    echo "error: text2wave failed; is the voice installed? (apt-get install festvox-us-slt-hts)" >&2
    exit 1
  }
}

seconds_of() { ffprobe -v error -show_entries format=duration -of csv=p=0 "$1"; }

# make_clip CLIP_NO SCENE TAKE START_TC LENGTH_S PICTURE LENS ISO [OFFSET SENTENCE]...
# PICTURE is a lavfi source without size/rate/duration, e.g. smptehdbars.
make_clip() {
  local no=$1 scene=$2 take=$3 tc=$4 length=$5 picture=$6 lens=$7 iso=$8
  shift 8
  local name="A001C${no}_${DATE_CODE}_R1AB"
  local file="$name.mov"
  local slate_s=2
  local joiner="="
  [[ $picture == *=* ]] && joiner=":"
  local inputs=(-f lavfi -i "color=c=0x111111:s=$SIZE:r=$FPS:d=$slate_s"
                -f lavfi -i "$picture${joiner}s=$SIZE:r=$FPS:d=$((length - slate_s))")
  local tc_escaped=${tc//:/\\:}
  local text="fontfile=$FONT:fontcolor=white"
  local filter="[0:v]drawtext=$text:fontsize=64:x=(w-tw)/2:y=120:text='$PRODUCTION',"
  filter+="drawtext=$text:fontsize=48:x=(w-tw)/2:y=260:text='ROLL $REEL   CAM A',"
  filter+="drawtext=$text:fontsize=72:x=(w-tw)/2:y=360:text='SCENE $scene   TAKE $take',"
  filter+="drawtext=$text:fontsize=40:x=(w-tw)/2:y=500:text='$SHOOT_DATE',"
  filter+="drawtext=$text:fontsize=48:x=(w-tw)/2:y=580:timecode='$tc_escaped':rate=$FPS[slate];"
  filter+="[slate][1:v]concat=n=2:v=1:a=0,format=yuv422p10le[v]"
  local maps=(-map "[v]")
  local audio_desc="none"

  if (( $# > 0 )); then
    local i=2 mix=""
    while (( $# > 0 )); do
      local offset=$1 sentence=$2
      shift 2
      local wav="$WORK/$name-$i.wav"
      speak "$sentence" "$wav"
      local speech_end
      speech_end=$(awk -v o="$offset" -v d="$(seconds_of "$wav")" 'BEGIN { print o + d }')
      if awk -v e="$speech_end" -v l="$length" 'BEGIN { exit !(e > l - 0.5) }'; then
        echo "error: sentence at ${offset}s in $file ends after the clip (${speech_end}s)" >&2
        exit 1
      fi
      inputs+=(-i "$wav")
      filter+=";[$i:a]aresample=48000,adelay=$(awk -v o="$offset" 'BEGIN { printf "%d", o * 1000 }'):all=1[a$i]"
      mix+="[a$i]"
      printf '%s\t%s\t%s\n' "$file" "$offset" "$sentence" >> "$LINES"
      i=$((i + 1))
    done
    # Dual-mono like a camera's two XLR inputs fed by one boom; padded to the picture length.
    filter+=";${mix}amix=inputs=$((i - 2)):normalize=0,apad,atrim=0:$length,pan=stereo|c0=c0|c1=c0[a]"
    maps+=(-map "[a]" -c:a pcm_s24le -ar 48000)
    audio_desc="PCM 48 kHz 24-bit, 2 ch"
  fi

  ffmpeg -nostdin -hide_banner -v error -y "${inputs[@]}" -filter_complex "$filter" "${maps[@]}" \
    -t "$length" -c:v prores_ks -profile:v 0 -qscale:v 31 -vendor apl0 \
    -timecode "$tc" -metadata creation_time="${SHOOT_DATE}T${tc%:*}Z" \
    -metadata:s:v:0 reel_name="$REEL" "$CARD/$file"

  cat > "$CARD/$name.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<ClipMetadata version="1.2">
  <Camera manufacturer="ARRI" model="ALEXA Mini LF" serialNumber="K1.0024317" index="A" firmware="SUP 7.2.1"/>
  <Reel>$REEL</Reel>
  <Clip name="$name" file="$file" recordedOn="$SHOOT_DATE" />
  <Production>Harbour Lights</Production>
  <Scene>$scene</Scene>
  <Take>$take</Take>
  <Timecode start="$tc" rate="$FPS" dropFrame="false"/>
  <Recording codec="Apple ProRes 422 Proxy" resolution="$SIZE" sensorFps="$FPS" projectFps="$FPS" durationSeconds="$length" audio="$audio_desc"/>
  <Lens model="$lens" iris="T2.8" focusDistance="3.2 m"/>
  <Exposure exposureIndex="$iso" shutterAngle="172.8" whiteBalanceKelvin="5600" tint="0.0" lookName="ARRI 709"/>
</ClipMetadata>
XML
  CARD_CLIPS+="    <Clip name=\"$name\" file=\"$file\" startTimecode=\"$tc\" durationSeconds=\"$length\" scene=\"$scene\" take=\"$take\"/>"$'\n'
}

make_clip 001 12 1 10:14:03:00 9 smptehdbars "ARRI Signature Prime 35mm" 800 \
  3.0 "the harbour lights were burning when the boat came home"
make_clip 002 12 2 10:21:40:12 16 testsrc2 "ARRI Signature Prime 35mm" 800 \
  3.0 "please bring the green bag to the kitchen before dinner" \
  10.0 "the children were playing in the park with a red ball"
make_clip 003 14 1 11:02:15:00 22 smptehdbars "ARRI Signature Prime 75mm" 1280 \
  3.5 "she said that the train would leave at seven in the morning" \
  13.0 "my brother sold his car last summer"
make_clip 004 15 1 11:30:00:00 6 "gradients=speed=0.02" "ARRI Signature Prime 18mm" 800

cat > "$CARD/$REEL.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<CardMetadata version="1.2">
  <Reel>$REEL</Reel>
  <Camera manufacturer="ARRI" model="ALEXA Mini LF" serialNumber="K1.0024317" index="A"/>
  <Media type="Codex Compact Drive 1TB" serialNumber="CDX-36150-2R7"/>
  <Production>Harbour Lights</Production>
  <ShootDate>$SHOOT_DATE</ShootDate>
  <Clips count="4">
$CARD_CLIPS  </Clips>
</CardMetadata>
XML

echo "sample card written to $CARD ($(du -sh "$CARD" | cut -f1)); spoken lines in $LINES"
