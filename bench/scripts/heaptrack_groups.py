"""Groups heaptrack's peak consumers by what they are (bench/HEAPTRACK.md).

Reads the stacks file of
`heaptrack_print -f run.0.zst -p 0 -a 0 -T 0 -l 0 -F stacks.txt --flamegraph-cost-type peak`
and prints one table row per group: SQLite's allocations by the part of
SQLite anywhere in the stack, the rest by the nearest frame from the leaf
that says what the memory is for.
"""
import re,collections,sys
rows=[]
for line in open(sys.argv[1]):
    stack,_,cost=line.rstrip('\n').rpartition(' ')
    try: cost=int(cost)
    except: continue
    rows.append((stack.split(';'),cost))
rules=[
 (r'sqlite3LockAndPrepare|sqlite3Prepare|yy_reduce|sqlite3FinishCoding|sqlite3VdbeMakeReady','SQLite: prepared statements'),
 (r'pcache1','SQLite: page cache'),
 (r'sqlite3','SQLite: cursors, values and other'),
 (r'^trim \(replay_states','`ReplayStates::trim` (folded states boxed for the shared cache)'),
 (r'^evolve \(evolve','`evolve`: the states\' vectors and strings'),
 (r'linked_slab|sharded_slab|shard\.rs','sharded slab (tracing spans, tokio)'),
 (r'\((row|value|execute|worker|statement|arguments)\.rs\)','sqlx row buffers and statements'),
 (r'\(apply\.rs\)','projection batch (`apply::prepare`, decoded events)'),
 (r'\(runner\.rs\)','projection runner (batch buffers)'),
 (r'\(subscription\.rs\)|\(store\.rs\)|\(writer\.rs\)','event store (reads, writer)'),
 (r'async_graphql|\(graphql','GraphQL'),
 (r'hyper|h1|\(conn\.rs\)','HTTP'),
 (r'\(map\.rs\)|hashbrown','HashMap (other)'),
 (r'btree|BTreeMap|\(node\.rs\)','BTreeMap (other)'),
]
def cat(frames):
    joined=';'.join(frames)
    if 'sqlite3' in joined:
        for pat,name in rules[:3]:
            if re.search(pat,joined): return name
    for f in reversed(frames):
        for pat,name in rules:
            if re.search(pat,f): return name
    return 'other'
agg=collections.Counter(); tot=0
for fr,c in rows: agg[cat(fr)]+=c; tot+=c
print(f"total {tot/2**20:.1f} MiB")
for k,v in agg.most_common(): print(f"| {k} | {v/2**20:.1f} |")
