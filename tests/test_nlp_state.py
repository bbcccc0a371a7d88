"""jieba's taught dictionary and name tags, kept in the cache folder (kg/nlp.py):
a process that reads the state file segments and tags exactly as one that
taught jieba itself."""
from __future__ import annotations

import json
import os
import subprocess
import sys

_PROBE = r"""
import hashlib, json, jieba
from kg.nlp import build_nlp, name_tags, _state_path, _taught_words
build_nlp()
tags = name_tags()
freq = hashlib.sha256(repr(sorted(jieba.dt.FREQ.items())).encode()).hexdigest()
digest = {name: hashlib.sha256(repr(sorted(getattr(tags, name))).encode()).hexdigest()
          for name in ("nr", "names", "untagged")}
print(json.dumps({"freq": freq, "total": jieba.dt.total, "tags": digest, "initialized": jieba.dt.initialized,
                  "state": _state_path(_taught_words()).name,
                  "cut": list(jieba.dt.cut("工业和信息化部部长金壮龙出席全国新型工业化推进大会"))}))
"""


def _probe(cache: str) -> dict:
    env = {**os.environ, "KG_CACHE_DIR": cache}
    out = subprocess.run([sys.executable, "-c", _PROBE], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_the_state_read_back_is_the_state_taught(tmp_path):
    taught = _probe(str(tmp_path))                      # no state yet: jieba loads its dictionary and is taught
    states = list(tmp_path.glob("jieba-state-*.marshal"))
    assert [p.name for p in states] == [taught["state"]]
    read = _probe(str(tmp_path))                        # from the state file
    assert read == taught and read["initialized"]
    assert "工业和信息化部" in read["cut"] and "".join(read["cut"]) == "工业和信息化部部长金壮龙出席全国新型工业化推进大会"
    # a damaged state is taught again, and written again whole
    states[0].write_bytes(states[0].read_bytes()[:1000])
    assert _probe(str(tmp_path)) == taught
    assert states[0].stat().st_size > 1000


def test_name_tags_are_those_of_jieba_s_dictionary():
    import jieba

    from kg.nlp import build_nlp, name_tags

    build_nlp()
    tags = name_tags()
    assert "金壮龙" in tags.nr and "习近平" in tags.names and "习近平" not in tags.nr     # 习近平 is nrfg
    assert "时报" not in tags.names and tags.nr <= tags.names
    # a taught word jieba's dictionary lacks has no tag; a listed one keeps its own
    assert "国家数据局" in tags.untagged and jieba.dt.FREQ["国家数据局"] >= 2000
    assert "会议" not in tags.untagged and all(jieba.dt.FREQ.get(w) for w in tags.untagged)
