# MOVS / STOS / LODS / CMPS / SCAS in every size, with REP / REPE / REPNE, RCX=0, DF=1 and
# overlapping copies. CMPS/SCAS define every flag; the others change none.
@syntax intel
@undef none

@snippet movsb_one
@init rsi=data+0x100 rdi=data+0x300
@pin rcx
    movsb

@snippet rep_movsb
@init rsi=data+0x100 rdi=data+0x300 rcx=7
@rand rcx=0..40
    rep movsb

@snippet rep_stosb
@init rdi=data+0x300 rcx=5 rax=0x1122334455667788
@rand rcx=0..40
    rep stosb

@snippet lodsb
@init rsi=data+0x100 rax=0xffffffffffffffff
@pin rcx
    lodsb
    lodsb

@snippet repe_cmpsb
@init rsi=data+0x100 rdi=data+0x180 rcx=9
@mem 0x100 u64:1,2,3,4,5,6,7,8
@mem 0x180 u64:1,2,3,4,9,6,7,8
@rand rcx=0..20
    repe cmpsb

@snippet repne_scasb
@init rdi=data+0x100 rcx=40 rax=5
@mem 0x100 u64:1,2,3,4,5,6,7,8,9,10
@rand rcx=0..20
    repne scasb

@snippet movsb_one_df
@init rsi=data+0x900 rdi=data+0xb00 flags=df
@pin rcx
    movsb

@snippet rep_movsb_df
@init rsi=data+0x900 rdi=data+0xb00 rcx=7 flags=df
@rand rcx=0..40
    rep movsb

@snippet rep_stosb_df
@init rdi=data+0xb00 rcx=5 rax=0x1122334455667788 flags=df
@rand rcx=0..40
    rep stosb

@snippet lodsb_df
@init rsi=data+0x900 rax=0xffffffffffffffff flags=df
@pin rcx
    lodsb
    lodsb

@snippet repe_cmpsb_df
@init rsi=data+0x900 rdi=data+0x980 rcx=9 flags=df
@mem 0x900 u64:1,2,3,4,5,6,7,8
@mem 0x980 u64:1,2,3,4,9,6,7,8
@rand rcx=0..20
    repe cmpsb

@snippet repne_scasb_df
@init rdi=data+0x900 rcx=40 rax=5 flags=df
@mem 0x900 u64:1,2,3,4,5,6,7,8,9,10
@rand rcx=0..20
    repne scasb

@snippet rep_movsb_rcx0
@init rsi=data+0x100 rdi=data+0x300 rcx=0 flags=cf,zf
@undef none
@pin rcx
    rep movsb

@snippet repe_cmpsb_rcx0
@init rsi=data+0x100 rdi=data+0x180 rcx=0 flags=cf,zf,of
@pin rcx
    repe cmpsb

@snippet repne_scasb_rcx0
@init rdi=data+0x100 rcx=0 flags=sf,pf
@pin rcx
    repne scasb

@snippet cmpsb_single
@init rsi=data+0x100 rdi=data+0x180
@mem 0x100 u64:0x8000000000000000
@mem 0x180 u64:1
@pin rcx
    cmpsb

@snippet scasb_single
@init rdi=data+0x100 rax=0x7f
@mem 0x100 u64:0x80
@pin rcx
    scasb

@snippet stosb_single
@init rdi=data+0x101 rax=0x0102030405060708
@pin rcx
    stosb

@snippet movsw_one
@init rsi=data+0x100 rdi=data+0x300
@pin rcx
    movsw

@snippet rep_movsw
@init rsi=data+0x100 rdi=data+0x300 rcx=7
@rand rcx=0..40
    rep movsw

@snippet rep_stosw
@init rdi=data+0x300 rcx=5 rax=0x1122334455667788
@rand rcx=0..40
    rep stosw

@snippet lodsw
@init rsi=data+0x100 rax=0xffffffffffffffff
@pin rcx
    lodsw
    lodsw

@snippet repe_cmpsw
@init rsi=data+0x100 rdi=data+0x180 rcx=9
@mem 0x100 u64:1,2,3,4,5,6,7,8
@mem 0x180 u64:1,2,3,4,9,6,7,8
@rand rcx=0..20
    repe cmpsw

@snippet repne_scasw
@init rdi=data+0x100 rcx=40 rax=5
@mem 0x100 u64:1,2,3,4,5,6,7,8,9,10
@rand rcx=0..20
    repne scasw

@snippet movsw_one_df
@init rsi=data+0x900 rdi=data+0xb00 flags=df
@pin rcx
    movsw

@snippet rep_movsw_df
@init rsi=data+0x900 rdi=data+0xb00 rcx=7 flags=df
@rand rcx=0..40
    rep movsw

@snippet rep_stosw_df
@init rdi=data+0xb00 rcx=5 rax=0x1122334455667788 flags=df
@rand rcx=0..40
    rep stosw

@snippet lodsw_df
@init rsi=data+0x900 rax=0xffffffffffffffff flags=df
@pin rcx
    lodsw
    lodsw

@snippet repe_cmpsw_df
@init rsi=data+0x900 rdi=data+0x980 rcx=9 flags=df
@mem 0x900 u64:1,2,3,4,5,6,7,8
@mem 0x980 u64:1,2,3,4,9,6,7,8
@rand rcx=0..20
    repe cmpsw

@snippet repne_scasw_df
@init rdi=data+0x900 rcx=40 rax=5 flags=df
@mem 0x900 u64:1,2,3,4,5,6,7,8,9,10
@rand rcx=0..20
    repne scasw

@snippet rep_movsw_rcx0
@init rsi=data+0x100 rdi=data+0x300 rcx=0 flags=cf,zf
@undef none
@pin rcx
    rep movsw

@snippet repe_cmpsw_rcx0
@init rsi=data+0x100 rdi=data+0x180 rcx=0 flags=cf,zf,of
@pin rcx
    repe cmpsw

@snippet repne_scasw_rcx0
@init rdi=data+0x100 rcx=0 flags=sf,pf
@pin rcx
    repne scasw

@snippet cmpsw_single
@init rsi=data+0x100 rdi=data+0x180
@mem 0x100 u64:0x8000000000000000
@mem 0x180 u64:1
@pin rcx
    cmpsw

@snippet scasw_single
@init rdi=data+0x100 rax=0x7f
@mem 0x100 u64:0x80
@pin rcx
    scasw

@snippet stosw_single
@init rdi=data+0x101 rax=0x0102030405060708
@pin rcx
    stosw

@snippet movsd_one
@init rsi=data+0x100 rdi=data+0x300
@pin rcx
    movsd

@snippet rep_movsd
@init rsi=data+0x100 rdi=data+0x300 rcx=7
@rand rcx=0..40
    rep movsd

@snippet rep_stosd
@init rdi=data+0x300 rcx=5 rax=0x1122334455667788
@rand rcx=0..40
    rep stosd

@snippet lodsd
@init rsi=data+0x100 rax=0xffffffffffffffff
@pin rcx
    lodsd
    lodsd

@snippet repe_cmpsd
@init rsi=data+0x100 rdi=data+0x180 rcx=9
@mem 0x100 u64:1,2,3,4,5,6,7,8
@mem 0x180 u64:1,2,3,4,9,6,7,8
@rand rcx=0..20
    repe cmpsd

@snippet repne_scasd
@init rdi=data+0x100 rcx=40 rax=5
@mem 0x100 u64:1,2,3,4,5,6,7,8,9,10
@rand rcx=0..20
    repne scasd

@snippet movsd_one_df
@init rsi=data+0x900 rdi=data+0xb00 flags=df
@pin rcx
    movsd

@snippet rep_movsd_df
@init rsi=data+0x900 rdi=data+0xb00 rcx=7 flags=df
@rand rcx=0..40
    rep movsd

@snippet rep_stosd_df
@init rdi=data+0xb00 rcx=5 rax=0x1122334455667788 flags=df
@rand rcx=0..40
    rep stosd

@snippet lodsd_df
@init rsi=data+0x900 rax=0xffffffffffffffff flags=df
@pin rcx
    lodsd
    lodsd

@snippet repe_cmpsd_df
@init rsi=data+0x900 rdi=data+0x980 rcx=9 flags=df
@mem 0x900 u64:1,2,3,4,5,6,7,8
@mem 0x980 u64:1,2,3,4,9,6,7,8
@rand rcx=0..20
    repe cmpsd

@snippet repne_scasd_df
@init rdi=data+0x900 rcx=40 rax=5 flags=df
@mem 0x900 u64:1,2,3,4,5,6,7,8,9,10
@rand rcx=0..20
    repne scasd

@snippet rep_movsd_rcx0
@init rsi=data+0x100 rdi=data+0x300 rcx=0 flags=cf,zf
@undef none
@pin rcx
    rep movsd

@snippet repe_cmpsd_rcx0
@init rsi=data+0x100 rdi=data+0x180 rcx=0 flags=cf,zf,of
@pin rcx
    repe cmpsd

@snippet repne_scasd_rcx0
@init rdi=data+0x100 rcx=0 flags=sf,pf
@pin rcx
    repne scasd

@snippet cmpsd_single
@init rsi=data+0x100 rdi=data+0x180
@mem 0x100 u64:0x8000000000000000
@mem 0x180 u64:1
@pin rcx
    cmpsd

@snippet scasd_single
@init rdi=data+0x100 rax=0x7f
@mem 0x100 u64:0x80
@pin rcx
    scasd

@snippet stosd_single
@init rdi=data+0x101 rax=0x0102030405060708
@pin rcx
    stosd

@snippet movsq_one
@init rsi=data+0x100 rdi=data+0x300
@pin rcx
    movsq

@snippet rep_movsq
@init rsi=data+0x100 rdi=data+0x300 rcx=7
@rand rcx=0..40
    rep movsq

@snippet rep_stosq
@init rdi=data+0x300 rcx=5 rax=0x1122334455667788
@rand rcx=0..40
    rep stosq

@snippet lodsq
@init rsi=data+0x100 rax=0xffffffffffffffff
@pin rcx
    lodsq
    lodsq

@snippet repe_cmpsq
@init rsi=data+0x100 rdi=data+0x180 rcx=9
@mem 0x100 u64:1,2,3,4,5,6,7,8
@mem 0x180 u64:1,2,3,4,9,6,7,8
@rand rcx=0..20
    repe cmpsq

@snippet repne_scasq
@init rdi=data+0x100 rcx=40 rax=5
@mem 0x100 u64:1,2,3,4,5,6,7,8,9,10
@rand rcx=0..20
    repne scasq

@snippet movsq_one_df
@init rsi=data+0x900 rdi=data+0xb00 flags=df
@pin rcx
    movsq

@snippet rep_movsq_df
@init rsi=data+0x900 rdi=data+0xb00 rcx=7 flags=df
@rand rcx=0..40
    rep movsq

@snippet rep_stosq_df
@init rdi=data+0xb00 rcx=5 rax=0x1122334455667788 flags=df
@rand rcx=0..40
    rep stosq

@snippet lodsq_df
@init rsi=data+0x900 rax=0xffffffffffffffff flags=df
@pin rcx
    lodsq
    lodsq

@snippet repe_cmpsq_df
@init rsi=data+0x900 rdi=data+0x980 rcx=9 flags=df
@mem 0x900 u64:1,2,3,4,5,6,7,8
@mem 0x980 u64:1,2,3,4,9,6,7,8
@rand rcx=0..20
    repe cmpsq

@snippet repne_scasq_df
@init rdi=data+0x900 rcx=40 rax=5 flags=df
@mem 0x900 u64:1,2,3,4,5,6,7,8,9,10
@rand rcx=0..20
    repne scasq

@snippet rep_movsq_rcx0
@init rsi=data+0x100 rdi=data+0x300 rcx=0 flags=cf,zf
@undef none
@pin rcx
    rep movsq

@snippet repe_cmpsq_rcx0
@init rsi=data+0x100 rdi=data+0x180 rcx=0 flags=cf,zf,of
@pin rcx
    repe cmpsq

@snippet repne_scasq_rcx0
@init rdi=data+0x100 rcx=0 flags=sf,pf
@pin rcx
    repne scasq

@snippet cmpsq_single
@init rsi=data+0x100 rdi=data+0x180
@mem 0x100 u64:0x8000000000000000
@mem 0x180 u64:1
@pin rcx
    cmpsq

@snippet scasq_single
@init rdi=data+0x100 rax=0x7f
@mem 0x100 u64:0x80
@pin rcx
    scasq

@snippet stosq_single
@init rdi=data+0x101 rax=0x0102030405060708
@pin rcx
    stosq

@snippet rep_movsb_overlap_forward
@init rsi=data+0x100 rdi=data+0x101 rcx=16
@pin rcx
    rep movsb

@snippet rep_movsb_overlap_df
@init rsi=data+0x110 rdi=data+0x10f rcx=16 flags=df
@pin rcx
    rep movsb

@snippet repne_scasb_strlen
@init rdi=data+0x100
@mem 0x100 str:"hello, world\0"
@pin rcx
    xor eax, eax
    mov rcx, -1
    repne scasb
    not rcx
    dec rcx

@snippet rep_stosq_large
@init rdi=data rcx=200 rax=0
@pin rcx
    rep stosq

@snippet movs_addr32
@init rsi=data+0x100 rdi=data+0x200 rcx=3
@norandom uses fixed addresses
@pin rcx
    rep movsb
