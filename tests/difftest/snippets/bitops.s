# BT / BTS / BTR / BTC (register, immediate, memory with far bit offsets, LOCK), BSF / BSR,
# LZCNT / TZCNT / POPCNT, BSWAP, MOVBE.
# BTx define CF only (ZF kept); BSF/BSR define ZF only and keep the destination for a zero
# source (AMD documents it; Intel CPUs do it); LZCNT/TZCNT define CF and ZF; POPCNT defines all.
@syntax intel
@init rsi=data+0x200

@snippet bt_r16_r_0
@init rax=0xdeadbeefcafe5aa5 rbx=0
@undef of sf af pf
    bt ax, bx

@snippet bt_r16_r_5
@init rax=0xdeadbeefcafe5aa5 rbx=5
@undef of sf af pf
    bt ax, bx

@snippet bt_r16_r_15
@init rax=0xdeadbeefcafe5aa5 rbx=15
@undef of sf af pf
    bt ax, bx

@snippet bt_r16_r_19
@init rax=0xdeadbeefcafe5aa5 rbx=19
@undef of sf af pf
    bt ax, bx

@snippet bt_r16_imm
@init rax=0xdeadbeefcafe5aa5
@undef of sf af pf
    bt ax, 14

@snippet bt_r32_r_0
@init rax=0xdeadbeef5aa5c33c rbx=0
@undef of sf af pf
    bt eax, ebx

@snippet bt_r32_r_5
@init rax=0xdeadbeef5aa5c33c rbx=5
@undef of sf af pf
    bt eax, ebx

@snippet bt_r32_r_31
@init rax=0xdeadbeef5aa5c33c rbx=31
@undef of sf af pf
    bt eax, ebx

@snippet bt_r32_r_35
@init rax=0xdeadbeef5aa5c33c rbx=35
@undef of sf af pf
    bt eax, ebx

@snippet bt_r32_imm
@init rax=0xdeadbeef5aa5c33c
@undef of sf af pf
    bt eax, 30

@snippet bt_r64_r_0
@init rax=0x5aa5c33c0ff0e11e rbx=0
@undef of sf af pf
    bt rax, rbx

@snippet bt_r64_r_5
@init rax=0x5aa5c33c0ff0e11e rbx=5
@undef of sf af pf
    bt rax, rbx

@snippet bt_r64_r_63
@init rax=0x5aa5c33c0ff0e11e rbx=63
@undef of sf af pf
    bt rax, rbx

@snippet bt_r64_r_67
@init rax=0x5aa5c33c0ff0e11e rbx=67
@undef of sf af pf
    bt rax, rbx

@snippet bt_r64_imm
@init rax=0x5aa5c33c0ff0e11e
@undef of sf af pf
    bt rax, 62

@snippet bt_mem_r_far
@init rcx=-37
@undef of sf af pf
@rand rcx=0..2000
    bt dword ptr [rsi+0x100], ecx

@snippet bt_mem64_r
@init rcx=130
@undef of sf af pf
@rand rcx=0..2000
    bt qword ptr [rsi+0x80], rcx

@snippet bt_mem8_imm
@undef of sf af pf
    bt word ptr [rsi+0x10], 9

@snippet bt_mem_neg_offset
@init rcx=-100
@undef of sf af pf
@rand rcx=0..2000
    bt qword ptr [rsi+0x200], rcx

@snippet bts_r16_r_0
@init rax=0xdeadbeefcafe5aa5 rbx=0
@undef of sf af pf
    bts ax, bx

@snippet bts_r16_r_5
@init rax=0xdeadbeefcafe5aa5 rbx=5
@undef of sf af pf
    bts ax, bx

@snippet bts_r16_r_15
@init rax=0xdeadbeefcafe5aa5 rbx=15
@undef of sf af pf
    bts ax, bx

@snippet bts_r16_r_19
@init rax=0xdeadbeefcafe5aa5 rbx=19
@undef of sf af pf
    bts ax, bx

@snippet bts_r16_imm
@init rax=0xdeadbeefcafe5aa5
@undef of sf af pf
    bts ax, 14

@snippet bts_r32_r_0
@init rax=0xdeadbeef5aa5c33c rbx=0
@undef of sf af pf
    bts eax, ebx

@snippet bts_r32_r_5
@init rax=0xdeadbeef5aa5c33c rbx=5
@undef of sf af pf
    bts eax, ebx

@snippet bts_r32_r_31
@init rax=0xdeadbeef5aa5c33c rbx=31
@undef of sf af pf
    bts eax, ebx

@snippet bts_r32_r_35
@init rax=0xdeadbeef5aa5c33c rbx=35
@undef of sf af pf
    bts eax, ebx

@snippet bts_r32_imm
@init rax=0xdeadbeef5aa5c33c
@undef of sf af pf
    bts eax, 30

@snippet bts_r64_r_0
@init rax=0x5aa5c33c0ff0e11e rbx=0
@undef of sf af pf
    bts rax, rbx

@snippet bts_r64_r_5
@init rax=0x5aa5c33c0ff0e11e rbx=5
@undef of sf af pf
    bts rax, rbx

@snippet bts_r64_r_63
@init rax=0x5aa5c33c0ff0e11e rbx=63
@undef of sf af pf
    bts rax, rbx

@snippet bts_r64_r_67
@init rax=0x5aa5c33c0ff0e11e rbx=67
@undef of sf af pf
    bts rax, rbx

@snippet bts_r64_imm
@init rax=0x5aa5c33c0ff0e11e
@undef of sf af pf
    bts rax, 62

@snippet bts_mem_r_far
@init rcx=-37
@undef of sf af pf
@rand rcx=0..2000
    bts dword ptr [rsi+0x100], ecx

@snippet bts_mem64_r
@init rcx=130
@undef of sf af pf
@rand rcx=0..2000
    bts qword ptr [rsi+0x80], rcx

@snippet bts_mem8_imm
@undef of sf af pf
    bts word ptr [rsi+0x10], 9

@snippet lock_bts_mem
@init rcx=77
@undef of sf af pf
@rand rcx=0..512
    lock bts qword ptr [rsi+0x18], rcx

@snippet btr_r16_r_0
@init rax=0xdeadbeefcafe5aa5 rbx=0
@undef of sf af pf
    btr ax, bx

@snippet btr_r16_r_5
@init rax=0xdeadbeefcafe5aa5 rbx=5
@undef of sf af pf
    btr ax, bx

@snippet btr_r16_r_15
@init rax=0xdeadbeefcafe5aa5 rbx=15
@undef of sf af pf
    btr ax, bx

@snippet btr_r16_r_19
@init rax=0xdeadbeefcafe5aa5 rbx=19
@undef of sf af pf
    btr ax, bx

@snippet btr_r16_imm
@init rax=0xdeadbeefcafe5aa5
@undef of sf af pf
    btr ax, 14

@snippet btr_r32_r_0
@init rax=0xdeadbeef5aa5c33c rbx=0
@undef of sf af pf
    btr eax, ebx

@snippet btr_r32_r_5
@init rax=0xdeadbeef5aa5c33c rbx=5
@undef of sf af pf
    btr eax, ebx

@snippet btr_r32_r_31
@init rax=0xdeadbeef5aa5c33c rbx=31
@undef of sf af pf
    btr eax, ebx

@snippet btr_r32_r_35
@init rax=0xdeadbeef5aa5c33c rbx=35
@undef of sf af pf
    btr eax, ebx

@snippet btr_r32_imm
@init rax=0xdeadbeef5aa5c33c
@undef of sf af pf
    btr eax, 30

@snippet btr_r64_r_0
@init rax=0x5aa5c33c0ff0e11e rbx=0
@undef of sf af pf
    btr rax, rbx

@snippet btr_r64_r_5
@init rax=0x5aa5c33c0ff0e11e rbx=5
@undef of sf af pf
    btr rax, rbx

@snippet btr_r64_r_63
@init rax=0x5aa5c33c0ff0e11e rbx=63
@undef of sf af pf
    btr rax, rbx

@snippet btr_r64_r_67
@init rax=0x5aa5c33c0ff0e11e rbx=67
@undef of sf af pf
    btr rax, rbx

@snippet btr_r64_imm
@init rax=0x5aa5c33c0ff0e11e
@undef of sf af pf
    btr rax, 62

@snippet btr_mem_r_far
@init rcx=-37
@undef of sf af pf
@rand rcx=0..2000
    btr dword ptr [rsi+0x100], ecx

@snippet btr_mem64_r
@init rcx=130
@undef of sf af pf
@rand rcx=0..2000
    btr qword ptr [rsi+0x80], rcx

@snippet btr_mem8_imm
@undef of sf af pf
    btr word ptr [rsi+0x10], 9

@snippet lock_btr_mem
@init rcx=77
@undef of sf af pf
@rand rcx=0..512
    lock btr qword ptr [rsi+0x18], rcx

@snippet btc_r16_r_0
@init rax=0xdeadbeefcafe5aa5 rbx=0
@undef of sf af pf
    btc ax, bx

@snippet btc_r16_r_5
@init rax=0xdeadbeefcafe5aa5 rbx=5
@undef of sf af pf
    btc ax, bx

@snippet btc_r16_r_15
@init rax=0xdeadbeefcafe5aa5 rbx=15
@undef of sf af pf
    btc ax, bx

@snippet btc_r16_r_19
@init rax=0xdeadbeefcafe5aa5 rbx=19
@undef of sf af pf
    btc ax, bx

@snippet btc_r16_imm
@init rax=0xdeadbeefcafe5aa5
@undef of sf af pf
    btc ax, 14

@snippet btc_r32_r_0
@init rax=0xdeadbeef5aa5c33c rbx=0
@undef of sf af pf
    btc eax, ebx

@snippet btc_r32_r_5
@init rax=0xdeadbeef5aa5c33c rbx=5
@undef of sf af pf
    btc eax, ebx

@snippet btc_r32_r_31
@init rax=0xdeadbeef5aa5c33c rbx=31
@undef of sf af pf
    btc eax, ebx

@snippet btc_r32_r_35
@init rax=0xdeadbeef5aa5c33c rbx=35
@undef of sf af pf
    btc eax, ebx

@snippet btc_r32_imm
@init rax=0xdeadbeef5aa5c33c
@undef of sf af pf
    btc eax, 30

@snippet btc_r64_r_0
@init rax=0x5aa5c33c0ff0e11e rbx=0
@undef of sf af pf
    btc rax, rbx

@snippet btc_r64_r_5
@init rax=0x5aa5c33c0ff0e11e rbx=5
@undef of sf af pf
    btc rax, rbx

@snippet btc_r64_r_63
@init rax=0x5aa5c33c0ff0e11e rbx=63
@undef of sf af pf
    btc rax, rbx

@snippet btc_r64_r_67
@init rax=0x5aa5c33c0ff0e11e rbx=67
@undef of sf af pf
    btc rax, rbx

@snippet btc_r64_imm
@init rax=0x5aa5c33c0ff0e11e
@undef of sf af pf
    btc rax, 62

@snippet btc_mem_r_far
@init rcx=-37
@undef of sf af pf
@rand rcx=0..2000
    btc dword ptr [rsi+0x100], ecx

@snippet btc_mem64_r
@init rcx=130
@undef of sf af pf
@rand rcx=0..2000
    btc qword ptr [rsi+0x80], rcx

@snippet btc_mem8_imm
@undef of sf af pf
    btc word ptr [rsi+0x10], 9

@snippet lock_btc_mem
@init rcx=77
@undef of sf af pf
@rand rcx=0..512
    lock btc qword ptr [rsi+0x18], rcx

@snippet bsf_r16_zero
@init rax=0x7777777777777777 rbx=0xdeadbeefcafe0000
@undef cf of sf af pf
    bsf ax, bx

@snippet bsf_r16_one
@init rax=0x7777777777777777 rbx=0xdeadbeefcafe0001
@undef cf of sf af pf
    bsf ax, bx

@snippet bsf_r16_msb
@init rax=0x7777777777777777 rbx=0xdeadbeefcafe8000
@undef cf of sf af pf
    bsf ax, bx

@snippet bsf_r16_mid
@init rax=0x7777777777777777 rbx=0xdeadbeefcafe0f00
@undef cf of sf af pf
    bsf ax, bx

@snippet bsf_r32_zero
@init rax=0x7777777777777777 rbx=0xdeadbeef00000000
@undef cf of sf af pf
    bsf eax, ebx

@snippet bsf_r32_one
@init rax=0x7777777777777777 rbx=0xdeadbeef00000001
@undef cf of sf af pf
    bsf eax, ebx

@snippet bsf_r32_msb
@init rax=0x7777777777777777 rbx=0xdeadbeef80000000
@undef cf of sf af pf
    bsf eax, ebx

@snippet bsf_r32_mid
@init rax=0x7777777777777777 rbx=0xdeadbeef0000f000
@undef cf of sf af pf
    bsf eax, ebx

@snippet bsf_r64_zero
@init rax=0x7777777777777777 rbx=0x0
@undef cf of sf af pf
    bsf rax, rbx

@snippet bsf_r64_one
@init rax=0x7777777777777777 rbx=0x1
@undef cf of sf af pf
    bsf rax, rbx

@snippet bsf_r64_msb
@init rax=0x7777777777777777 rbx=0x8000000000000000
@undef cf of sf af pf
    bsf rax, rbx

@snippet bsf_r64_mid
@init rax=0x7777777777777777 rbx=0xf00000
@undef cf of sf af pf
    bsf rax, rbx

@snippet bsr_r16_zero
@init rax=0x7777777777777777 rbx=0xdeadbeefcafe0000
@undef cf of sf af pf
    bsr ax, bx

@snippet bsr_r16_one
@init rax=0x7777777777777777 rbx=0xdeadbeefcafe0001
@undef cf of sf af pf
    bsr ax, bx

@snippet bsr_r16_msb
@init rax=0x7777777777777777 rbx=0xdeadbeefcafe8000
@undef cf of sf af pf
    bsr ax, bx

@snippet bsr_r16_mid
@init rax=0x7777777777777777 rbx=0xdeadbeefcafe0f00
@undef cf of sf af pf
    bsr ax, bx

@snippet bsr_r32_zero
@init rax=0x7777777777777777 rbx=0xdeadbeef00000000
@undef cf of sf af pf
    bsr eax, ebx

@snippet bsr_r32_one
@init rax=0x7777777777777777 rbx=0xdeadbeef00000001
@undef cf of sf af pf
    bsr eax, ebx

@snippet bsr_r32_msb
@init rax=0x7777777777777777 rbx=0xdeadbeef80000000
@undef cf of sf af pf
    bsr eax, ebx

@snippet bsr_r32_mid
@init rax=0x7777777777777777 rbx=0xdeadbeef0000f000
@undef cf of sf af pf
    bsr eax, ebx

@snippet bsr_r64_zero
@init rax=0x7777777777777777 rbx=0x0
@undef cf of sf af pf
    bsr rax, rbx

@snippet bsr_r64_one
@init rax=0x7777777777777777 rbx=0x1
@undef cf of sf af pf
    bsr rax, rbx

@snippet bsr_r64_msb
@init rax=0x7777777777777777 rbx=0x8000000000000000
@undef cf of sf af pf
    bsr rax, rbx

@snippet bsr_r64_mid
@init rax=0x7777777777777777 rbx=0xf00000
@undef cf of sf af pf
    bsr rax, rbx

@snippet lzcnt_r16_zero
@init rax=0x7777777777777777 rbx=0xdeadbeefcafe0000 flags=sf,of,af,pf,cf
@undef of sf af pf
    lzcnt ax, bx

@snippet lzcnt_r16_one
@init rax=0x7777777777777777 rbx=0xdeadbeefcafe0001 flags=sf,of,af,pf,cf
@undef of sf af pf
    lzcnt ax, bx

@snippet lzcnt_r16_msb
@init rax=0x7777777777777777 rbx=0xdeadbeefcafe8000 flags=sf,of,af,pf,cf
@undef of sf af pf
    lzcnt ax, bx

@snippet lzcnt_r16_mid
@init rax=0x7777777777777777 rbx=0xdeadbeefcafe0f00 flags=sf,of,af,pf,cf
@undef of sf af pf
    lzcnt ax, bx

@snippet lzcnt_r16_ones
@init rax=0x7777777777777777 rbx=0xdeadbeefcafeffff flags=sf,of,af,pf,cf
@undef of sf af pf
    lzcnt ax, bx

@snippet lzcnt_r32_zero
@init rax=0x7777777777777777 rbx=0xdeadbeef00000000 flags=sf,of,af,pf,cf
@undef of sf af pf
    lzcnt eax, ebx

@snippet lzcnt_r32_one
@init rax=0x7777777777777777 rbx=0xdeadbeef00000001 flags=sf,of,af,pf,cf
@undef of sf af pf
    lzcnt eax, ebx

@snippet lzcnt_r32_msb
@init rax=0x7777777777777777 rbx=0xdeadbeef80000000 flags=sf,of,af,pf,cf
@undef of sf af pf
    lzcnt eax, ebx

@snippet lzcnt_r32_mid
@init rax=0x7777777777777777 rbx=0xdeadbeef0000f000 flags=sf,of,af,pf,cf
@undef of sf af pf
    lzcnt eax, ebx

@snippet lzcnt_r32_ones
@init rax=0x7777777777777777 rbx=0xdeadbeefffffffff flags=sf,of,af,pf,cf
@undef of sf af pf
    lzcnt eax, ebx

@snippet lzcnt_r64_zero
@init rax=0x7777777777777777 rbx=0x0 flags=sf,of,af,pf,cf
@undef of sf af pf
    lzcnt rax, rbx

@snippet lzcnt_r64_one
@init rax=0x7777777777777777 rbx=0x1 flags=sf,of,af,pf,cf
@undef of sf af pf
    lzcnt rax, rbx

@snippet lzcnt_r64_msb
@init rax=0x7777777777777777 rbx=0x8000000000000000 flags=sf,of,af,pf,cf
@undef of sf af pf
    lzcnt rax, rbx

@snippet lzcnt_r64_mid
@init rax=0x7777777777777777 rbx=0xf00000 flags=sf,of,af,pf,cf
@undef of sf af pf
    lzcnt rax, rbx

@snippet lzcnt_r64_ones
@init rax=0x7777777777777777 rbx=0xffffffffffffffff flags=sf,of,af,pf,cf
@undef of sf af pf
    lzcnt rax, rbx

@snippet lzcnt_mem64
@undef of sf af pf
    lzcnt rax, qword ptr [rsi+0x28]

@snippet tzcnt_r16_zero
@init rax=0x7777777777777777 rbx=0xdeadbeefcafe0000 flags=sf,of,af,pf,cf
@undef of sf af pf
    tzcnt ax, bx

@snippet tzcnt_r16_one
@init rax=0x7777777777777777 rbx=0xdeadbeefcafe0001 flags=sf,of,af,pf,cf
@undef of sf af pf
    tzcnt ax, bx

@snippet tzcnt_r16_msb
@init rax=0x7777777777777777 rbx=0xdeadbeefcafe8000 flags=sf,of,af,pf,cf
@undef of sf af pf
    tzcnt ax, bx

@snippet tzcnt_r16_mid
@init rax=0x7777777777777777 rbx=0xdeadbeefcafe0f00 flags=sf,of,af,pf,cf
@undef of sf af pf
    tzcnt ax, bx

@snippet tzcnt_r16_ones
@init rax=0x7777777777777777 rbx=0xdeadbeefcafeffff flags=sf,of,af,pf,cf
@undef of sf af pf
    tzcnt ax, bx

@snippet tzcnt_r32_zero
@init rax=0x7777777777777777 rbx=0xdeadbeef00000000 flags=sf,of,af,pf,cf
@undef of sf af pf
    tzcnt eax, ebx

@snippet tzcnt_r32_one
@init rax=0x7777777777777777 rbx=0xdeadbeef00000001 flags=sf,of,af,pf,cf
@undef of sf af pf
    tzcnt eax, ebx

@snippet tzcnt_r32_msb
@init rax=0x7777777777777777 rbx=0xdeadbeef80000000 flags=sf,of,af,pf,cf
@undef of sf af pf
    tzcnt eax, ebx

@snippet tzcnt_r32_mid
@init rax=0x7777777777777777 rbx=0xdeadbeef0000f000 flags=sf,of,af,pf,cf
@undef of sf af pf
    tzcnt eax, ebx

@snippet tzcnt_r32_ones
@init rax=0x7777777777777777 rbx=0xdeadbeefffffffff flags=sf,of,af,pf,cf
@undef of sf af pf
    tzcnt eax, ebx

@snippet tzcnt_r64_zero
@init rax=0x7777777777777777 rbx=0x0 flags=sf,of,af,pf,cf
@undef of sf af pf
    tzcnt rax, rbx

@snippet tzcnt_r64_one
@init rax=0x7777777777777777 rbx=0x1 flags=sf,of,af,pf,cf
@undef of sf af pf
    tzcnt rax, rbx

@snippet tzcnt_r64_msb
@init rax=0x7777777777777777 rbx=0x8000000000000000 flags=sf,of,af,pf,cf
@undef of sf af pf
    tzcnt rax, rbx

@snippet tzcnt_r64_mid
@init rax=0x7777777777777777 rbx=0xf00000 flags=sf,of,af,pf,cf
@undef of sf af pf
    tzcnt rax, rbx

@snippet tzcnt_r64_ones
@init rax=0x7777777777777777 rbx=0xffffffffffffffff flags=sf,of,af,pf,cf
@undef of sf af pf
    tzcnt rax, rbx

@snippet tzcnt_mem64
@undef of sf af pf
    tzcnt rax, qword ptr [rsi+0x28]

@snippet popcnt_r16_zero
@init rax=0x7777777777777777 rbx=0xdeadbeefcafe0000 flags=sf,of,af,pf,cf
@undef none
    popcnt ax, bx

@snippet popcnt_r16_one
@init rax=0x7777777777777777 rbx=0xdeadbeefcafe0001 flags=sf,of,af,pf,cf
@undef none
    popcnt ax, bx

@snippet popcnt_r16_msb
@init rax=0x7777777777777777 rbx=0xdeadbeefcafe8000 flags=sf,of,af,pf,cf
@undef none
    popcnt ax, bx

@snippet popcnt_r16_mid
@init rax=0x7777777777777777 rbx=0xdeadbeefcafe0f00 flags=sf,of,af,pf,cf
@undef none
    popcnt ax, bx

@snippet popcnt_r16_ones
@init rax=0x7777777777777777 rbx=0xdeadbeefcafeffff flags=sf,of,af,pf,cf
@undef none
    popcnt ax, bx

@snippet popcnt_r32_zero
@init rax=0x7777777777777777 rbx=0xdeadbeef00000000 flags=sf,of,af,pf,cf
@undef none
    popcnt eax, ebx

@snippet popcnt_r32_one
@init rax=0x7777777777777777 rbx=0xdeadbeef00000001 flags=sf,of,af,pf,cf
@undef none
    popcnt eax, ebx

@snippet popcnt_r32_msb
@init rax=0x7777777777777777 rbx=0xdeadbeef80000000 flags=sf,of,af,pf,cf
@undef none
    popcnt eax, ebx

@snippet popcnt_r32_mid
@init rax=0x7777777777777777 rbx=0xdeadbeef0000f000 flags=sf,of,af,pf,cf
@undef none
    popcnt eax, ebx

@snippet popcnt_r32_ones
@init rax=0x7777777777777777 rbx=0xdeadbeefffffffff flags=sf,of,af,pf,cf
@undef none
    popcnt eax, ebx

@snippet popcnt_r64_zero
@init rax=0x7777777777777777 rbx=0x0 flags=sf,of,af,pf,cf
@undef none
    popcnt rax, rbx

@snippet popcnt_r64_one
@init rax=0x7777777777777777 rbx=0x1 flags=sf,of,af,pf,cf
@undef none
    popcnt rax, rbx

@snippet popcnt_r64_msb
@init rax=0x7777777777777777 rbx=0x8000000000000000 flags=sf,of,af,pf,cf
@undef none
    popcnt rax, rbx

@snippet popcnt_r64_mid
@init rax=0x7777777777777777 rbx=0xf00000 flags=sf,of,af,pf,cf
@undef none
    popcnt rax, rbx

@snippet popcnt_r64_ones
@init rax=0x7777777777777777 rbx=0xffffffffffffffff flags=sf,of,af,pf,cf
@undef none
    popcnt rax, rbx

@snippet popcnt_mem64
@undef none
    popcnt rax, qword ptr [rsi+0x28]

@snippet bswap_r32
@init rax=0x0102030405060708 r9=0x1122334455667788
@undef none
    bswap eax
    bswap r9d

@snippet bswap_r64
@init rax=0x0102030405060708 r9=0x1122334455667788
@undef none
    bswap rax
    bswap r9

@snippet movbe_load_store
@init rbx=0x0102030405060708
@undef none
    movbe eax, dword ptr [rsi]
    movbe qword ptr [rsi+8], rbx
    movbe cx, word ptr [rsi+2]
