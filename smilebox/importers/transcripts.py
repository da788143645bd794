"""Call transcripts from speech-to-text services, one call per file, as phone conversations.

* **AWS Transcribe** (batch, ``ShowSpeakerLabels``): ``results.items[]`` words with ``speaker_label``
  (or ``results.speaker_labels.segments[]`` mapping start times to speakers; or ``channel_labels`` for
  channel identification). Punctuation items join the word before them.
* **Amazon Contact Lens / Transcribe Call Analytics**: ``Transcript[]`` with ``ParticipantId`` or
  ``ParticipantRole`` AGENT / CUSTOMER (and SYSTEM, CUSTOM_BOT, SUPERVISOR), ``Content``, offsets in ms.
  Roles are given, so none are guessed.
* **Deepgram** (``diarize=true&utterances=true``): ``results.utterances[]`` with an integer ``speaker``;
  without utterances, the words of ``results.channels[].alternatives[0]`` (speaker, or channel per side).
* **Whisper / WhisperX**: ``segments[]`` with ``text``, ``start``, ``end``; WhisperX diarisation adds
  ``speaker`` (SPEAKER_00). Plain Whisper has one speaker only.

Consecutive pieces by the same speaker become one message. Where roles are not given, the agent is
guessed from what each speaker says (``_speakers.guess_agent``; ``company_name`` and ``agent_names``
settings help) and the guess is kept on the conversation as ``role_inference`` with its confidence and
signals. The conversation id is the job or request id in the file, else the file name without suffix.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from smilebox.errors import InputError
from smilebox.importers._common import RecordProblem, finish, ident, items, obj, text
from smilebox.importers._speakers import guess_agent, merge_turns
from smilebox.importers.base import Importer, Item, describe_utf8_error

Piece = tuple[str, str, float | None, float | None]  # speaker, text, start s, end s
CONTACT_LENS_ROLES = {
    "AGENT": "agent",
    "CUSTOMER": "customer",
    "SYSTEM": "system",
    "CUSTOM_BOT": "bot",
    "SUPERVISOR": "agent",
    "IVR": "bot",
}


def _seconds(value: Any, scale: float = 1.0) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return value / scale
    if isinstance(value, str):
        try:
            return float(value) / scale
        except ValueError:
            return None
    return None


class _TranscriptImporter(Importer):
    extensions = (".json",)

    def read(self, path: Path) -> Iterator[Item]:
        name = str(path)
        raw = path.read_bytes()
        try:
            doc = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as uexc:
                yield InputError(name, 1, describe_utf8_error(uexc))
                return
            yield InputError(name, exc.lineno, f"not valid JSON: {exc.msg} (column {exc.colno})")
            return
        if not isinstance(doc, dict):
            yield InputError(name, 1, f"expected a JSON object, got {type(doc).__name__}")
            return
        try:
            pieces, roles = self.pieces(doc)
        except RecordProblem as exc:
            yield InputError(name, 1, str(exc))
            return
        turns = merge_turns(pieces)
        if not turns:
            yield InputError(
                name, 1, "the transcript has no words (was the audio silent, or the job not finished?)"
            )
            return
        yield from finish(self._conversation(doc, path, turns, roles), name, 1)

    def pieces(self, doc: dict) -> tuple[list[Piece], dict[str, str]]:
        """The transcript's pieces in order, and the roles the file states (speaker -> role)."""
        raise NotImplementedError

    def conversation_id(self, doc: dict, path: Path) -> str:
        return path.stem

    def _conversation(self, doc: dict, path: Path, turns: list[Piece], roles: dict[str, str]) -> dict:
        extra: dict[str, Any] = {}
        speakers = list(dict.fromkeys(t[0] for t in turns))
        if not all(s in roles for s in speakers):
            guess = guess_agent(
                [(t[0], t[1]) for t in turns], self.options.company_name, self.options.agent_names
            )
            roles = {s: ("agent" if s == guess.agent_speaker else "customer") for s in speakers}
            extra["role_inference"] = guess.as_extra()
        messages = [
            {"id": f"t{i}", "role": roles[s], "text": said, "speaker": s, "start": start, "end": end}
            for i, (s, said, start, end) in enumerate(turns, start=1)
        ]
        ends = [t[3] for t in turns if t[3] is not None]
        return {
            "id": self.conversation_id(doc, path),
            "source": self.name,
            "channel": "phone",
            "messages": messages,
            "duration_seconds": max(ends) if ends else None,
            "speakers": speakers,
            **extra,
        }


class AwsTranscribeImporter(_TranscriptImporter):
    name = "aws-transcribe"
    description = "AWS Transcribe batch output with speaker labels (results.items, speaker_labels)."

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> bool:
        return b'"results"' in head and (
            b'"speaker_labels"' in head or (b'"transcripts"' in head and b'"jobName"' in head)
        )

    def conversation_id(self, doc: dict, path: Path) -> str:
        return ident(doc.get("jobName")) or path.stem

    def pieces(self, doc: dict) -> tuple[list[Piece], dict[str, str]]:
        results = obj(doc.get("results"))
        by_start: dict[str, str] = {}
        for seg in items(obj(results.get("speaker_labels")).get("segments")):
            for it in items(obj(seg).get("items")):
                if text(obj(it).get("start_time")) and text(obj(it).get("speaker_label")):
                    by_start[text(obj(it)["start_time"])] = text(obj(it)["speaker_label"])
        for channel in items(obj(results.get("channel_labels")).get("channels")):
            for it in items(obj(channel).get("items")):
                if text(obj(it).get("start_time")) and text(obj(channel).get("channel_label")):
                    by_start.setdefault(text(obj(it)["start_time"]), text(obj(channel)["channel_label"]))
        words: list[list] = []
        for it in items(results.get("items")):
            it = obj(it)
            alt = obj(next(iter(items(it.get("alternatives"))), {}))
            content = text(alt.get("content"))
            if content is None:
                continue
            if it.get("type") == "punctuation":
                if words:
                    words[-1][1] += content
                continue
            start = text(it.get("start_time"))
            speaker = (
                text(it.get("speaker_label"))
                or text(it.get("channel_label"))
                or by_start.get(start or "", "spk_0")
            )
            words.append([speaker, content, _seconds(start), _seconds(it.get("end_time"))])
        if not words:
            transcript = text(obj(next(iter(items(results.get("transcripts"))), {})).get("transcript"))
            if not transcript:
                raise RecordProblem(
                    "results.items is empty and results.transcripts has no text: "
                    "export the finished job's transcript JSON"
                )
            return [("spk_0", transcript, None, None)], {}
        return [tuple(w) for w in words], {}


class ContactLensImporter(_TranscriptImporter):
    name = "contact-lens"
    description = "Amazon Contact Lens / Transcribe Call Analytics output (Transcript[] with AGENT/CUSTOMER)."

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> bool:
        return b'"Transcript"' in head and (b'"ParticipantId"' in head or b'"ParticipantRole"' in head)

    def conversation_id(self, doc: dict, path: Path) -> str:
        meta = obj(doc.get("CustomerMetadata"))
        return ident(meta.get("ContactId")) or ident(doc.get("JobName")) or path.stem

    def pieces(self, doc: dict) -> tuple[list[Piece], dict[str, str]]:
        declared = {
            text(obj(p).get("ParticipantId")): text(obj(p).get("ParticipantRole"))
            for p in items(doc.get("Participants"))
        }
        pieces, roles = [], {}
        for i, seg in enumerate(items(doc.get("Transcript"))):
            seg = obj(seg)
            speaker = text(seg.get("ParticipantId")) or text(seg.get("ParticipantRole"))
            content = text(seg.get("Content"))
            if speaker is None or content is None:
                raise RecordProblem(f"Transcript[{i}] needs ParticipantId (or ParticipantRole) and Content")
            role_name = (text(seg.get("ParticipantRole")) or declared.get(speaker) or speaker).upper()
            if role_name in CONTACT_LENS_ROLES:
                roles[speaker] = CONTACT_LENS_ROLES[role_name]
            pieces.append(
                (
                    speaker,
                    content,
                    _seconds(seg.get("BeginOffsetMillis"), 1000),
                    _seconds(seg.get("EndOffsetMillis"), 1000),
                )
            )
        return pieces, roles


class DeepgramImporter(_TranscriptImporter):
    name = "deepgram"
    description = "Deepgram pre-recorded response with diarised utterances (or words with speakers)."

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> bool:
        return b'"results"' in head and (
            b'"utterances"' in head or (b'"channels"' in head and b'"alternatives"' in head)
        )

    def conversation_id(self, doc: dict, path: Path) -> str:
        return ident(obj(doc.get("metadata")).get("request_id")) or path.stem

    def pieces(self, doc: dict) -> tuple[list[Piece], dict[str, str]]:
        results = obj(doc.get("results"))
        utterances = items(results.get("utterances"))
        if utterances:
            return [
                (
                    _dg_speaker(u),
                    text(obj(u).get("transcript")) or "",
                    _seconds(obj(u).get("start")),
                    _seconds(obj(u).get("end")),
                )
                for u in map(obj, utterances)
            ], {}
        channels = items(results.get("channels"))
        words = []
        for ch_index, channel in enumerate(channels):
            alt = obj(next(iter(items(obj(channel).get("alternatives"))), {}))
            for w in items(alt.get("words")):
                w = obj(w)
                speaker = (
                    _dg_speaker({**w, "channel": ch_index})
                    if "speaker" in w or len(channels) > 1
                    else "speaker_0"
                )
                words.append(
                    (
                        speaker,
                        text(w.get("punctuated_word")) or text(w.get("word")) or "",
                        _seconds(w.get("start")),
                        _seconds(w.get("end")),
                    )
                )
        if not words:
            raise RecordProblem(
                "results has neither utterances nor words: request utterances=true&diarize=true"
            )
        words.sort(key=lambda w: w[2] if w[2] is not None else 0.0)
        return words, {}


def _dg_speaker(u: dict) -> str:
    speaker = u.get("speaker")
    if isinstance(speaker, int) and not isinstance(speaker, bool):
        return f"speaker_{speaker}"
    channel = u.get("channel")
    return f"channel_{channel}" if isinstance(channel, int) and not isinstance(channel, bool) else "speaker_0"


class WhisperImporter(_TranscriptImporter):
    name = "whisper"
    description = "OpenAI Whisper / WhisperX JSON (segments, with speaker when diarised)."

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> bool:
        return (
            b'"segments"' in head
            and b'"results"' not in head
            and any(
                k in head
                for k in (b'"avg_logprob"', b'"no_speech_prob"', b'"seek"', b'"speaker"', b'"start"')
            )
        )

    def pieces(self, doc: dict) -> tuple[list[Piece], dict[str, str]]:
        segments = items(doc.get("segments"))
        if not segments:
            raise RecordProblem(
                "no segments: save Whisper's verbose JSON output (segments with start, end, text)"
            )
        return [
            (
                text(obj(s).get("speaker")) or "SPEAKER_00",
                text(obj(s).get("text")) or "",
                _seconds(obj(s).get("start")),
                _seconds(obj(s).get("end")),
            )
            for s in segments
        ], {}


__all__ = ["AwsTranscribeImporter", "ContactLensImporter", "DeepgramImporter", "WhisperImporter"]
