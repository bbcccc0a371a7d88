"""kg.memory.gc_paused: the collector paused over a block, and what a block keeps frozen."""
import gc

from kg.compress import pack, unpack
from kg.memory import gc_paused


def test_the_collector_is_paused_in_the_block_and_resumes_after():
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_an_error_in_the_block_still_resumes_the_collector():
    try:
        with gc_paused(keep=True):
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert gc.isenabled()


def test_what_a_kept_block_made_is_out_of_the_collectors_sight():
    before = gc.get_freeze_count()
    with gc_paused(keep=True):
        made = [[i] for i in range(5000)]       # lists are tracked by the collector
    assert gc.get_freeze_count() >= before + len(made)
    assert not any(made[0] is o for o in gc.get_objects())      # frozen objects are in no generation


def test_a_block_not_kept_leaves_its_objects_to_the_collector():
    before = gc.get_freeze_count()
    with gc_paused():
        made = [[i] for i in range(5000)]
    assert gc.get_freeze_count() == before
    assert gc.is_tracked(made[-1]) and any(made[-1] is o for o in gc.get_objects())


def test_the_codec_gives_back_what_it_packed_and_packs_turtle_small():
    text = "".join(f"kgr:a{i} a kgo:Statistic ;\n    rdfs:label \"第{i}项\"@zh .\n\n" for i in range(2000)).encode()
    packed = pack(text)
    assert unpack(packed) == text
    assert len(packed) * 5 < len(text)
    assert unpack(pack(b"")) == b""
