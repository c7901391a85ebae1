# BMI1 (ANDN, BEXTR, BLSI, BLSMSK, BLSR; LZCNT/TZCNT are in bitops.s) and BMI2 (BZHI, MULX,
# PDEP, PEXT, RORX, SARX, SHLX, SHRX). Flags per instruction: AF and PF are undefined where the
# SDM says so; MULX/PDEP/PEXT/RORX/SxRX/SHLX leave all flags alone.
@syntax intel

@snippet andn_r32_zero
@init rbx=0x0 rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef af pf
    andn eax, ebx, ecx

@snippet blsi_r32_zero
@init rbx=0x0 rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef af pf
    blsi eax, ebx

@snippet blsmsk_r32_zero
@init rbx=0x0 rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef af pf
    blsmsk eax, ebx

@snippet blsr_r32_zero
@init rbx=0x0 rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef af pf
    blsr eax, ebx

@snippet pdep_pext_r32_zero
@init rbx=0x0 rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef none
    pdep eax, ecx, ebx
    pext edx, ecx, ebx

@snippet andn_r32_one
@init rbx=0x1 rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef af pf
    andn eax, ebx, ecx

@snippet blsi_r32_one
@init rbx=0x1 rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef af pf
    blsi eax, ebx

@snippet blsmsk_r32_one
@init rbx=0x1 rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef af pf
    blsmsk eax, ebx

@snippet blsr_r32_one
@init rbx=0x1 rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef af pf
    blsr eax, ebx

@snippet pdep_pext_r32_one
@init rbx=0x1 rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef none
    pdep eax, ecx, ebx
    pext edx, ecx, ebx

@snippet andn_r32_msb
@init rbx=0x8000000000000000 rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef af pf
    andn eax, ebx, ecx

@snippet blsi_r32_msb
@init rbx=0x8000000000000000 rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef af pf
    blsi eax, ebx

@snippet blsmsk_r32_msb
@init rbx=0x8000000000000000 rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef af pf
    blsmsk eax, ebx

@snippet blsr_r32_msb
@init rbx=0x8000000000000000 rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef af pf
    blsr eax, ebx

@snippet pdep_pext_r32_msb
@init rbx=0x8000000000000000 rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef none
    pdep eax, ecx, ebx
    pext edx, ecx, ebx

@snippet andn_r32_mixed
@init rbx=0xf0ff000f0ff0a0 rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef af pf
    andn eax, ebx, ecx

@snippet blsi_r32_mixed
@init rbx=0xf0ff000f0ff0a0 rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef af pf
    blsi eax, ebx

@snippet blsmsk_r32_mixed
@init rbx=0xf0ff000f0ff0a0 rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef af pf
    blsmsk eax, ebx

@snippet blsr_r32_mixed
@init rbx=0xf0ff000f0ff0a0 rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef af pf
    blsr eax, ebx

@snippet pdep_pext_r32_mixed
@init rbx=0xf0ff000f0ff0a0 rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef none
    pdep eax, ecx, ebx
    pext edx, ecx, ebx

@snippet andn_r32_ones
@init rbx=0xffffffffffffffff rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef af pf
    andn eax, ebx, ecx

@snippet blsi_r32_ones
@init rbx=0xffffffffffffffff rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef af pf
    blsi eax, ebx

@snippet blsmsk_r32_ones
@init rbx=0xffffffffffffffff rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef af pf
    blsmsk eax, ebx

@snippet blsr_r32_ones
@init rbx=0xffffffffffffffff rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef af pf
    blsr eax, ebx

@snippet pdep_pext_r32_ones
@init rbx=0xffffffffffffffff rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef none
    pdep eax, ecx, ebx
    pext edx, ecx, ebx

@snippet bextr_r32_0000
@init rbx=0x89abcdef01234567 rcx=0x0 flags=cf,of,sf
@undef af pf sf
    bextr eax, ebx, ecx

@snippet bextr_r32_0804
@init rbx=0x89abcdef01234567 rcx=0x804 flags=cf,of,sf
@undef af pf sf
    bextr eax, ebx, ecx

@snippet bextr_r32_2000
@init rbx=0x89abcdef01234567 rcx=0x2000 flags=cf,of,sf
@undef af pf sf
    bextr eax, ebx, ecx

@snippet bextr_r32_0010
@init rbx=0x89abcdef01234567 rcx=0x10 flags=cf,of,sf
@undef af pf sf
    bextr eax, ebx, ecx

@snippet bextr_r32_4008
@init rbx=0x89abcdef01234567 rcx=0x4008 flags=cf,of,sf
@undef af pf sf
    bextr eax, ebx, ecx

@snippet bextr_r32_10ff
@init rbx=0x89abcdef01234567 rcx=0x10ff flags=cf,of,sf
@undef af pf sf
    bextr eax, ebx, ecx

@snippet bextr_r32_0840
@init rbx=0x89abcdef01234567 rcx=0x840 flags=cf,of,sf
@undef af pf sf
    bextr eax, ebx, ecx

@snippet bzhi_r32_0
@init rbx=0xffffffffffffffff rcx=0x0 flags=of
@undef af pf
    bzhi eax, ebx, ecx

@snippet shlx_sarx_shrx_r32_0
@init rbx=0x80000000800000f1 rcx=0x0 flags=cf,zf
@undef none
    shlx eax, ebx, ecx
    sarx edx, ebx, ecx
    shrx rsi, rbx, rcx

@snippet bzhi_r32_1
@init rbx=0xffffffffffffffff rcx=0x1 flags=of
@undef af pf
    bzhi eax, ebx, ecx

@snippet shlx_sarx_shrx_r32_1
@init rbx=0x80000000800000f1 rcx=0x1 flags=cf,zf
@undef none
    shlx eax, ebx, ecx
    sarx edx, ebx, ecx
    shrx rsi, rbx, rcx

@snippet bzhi_r32_7
@init rbx=0xffffffffffffffff rcx=0x7 flags=of
@undef af pf
    bzhi eax, ebx, ecx

@snippet shlx_sarx_shrx_r32_7
@init rbx=0x80000000800000f1 rcx=0x7 flags=cf,zf
@undef none
    shlx eax, ebx, ecx
    sarx edx, ebx, ecx
    shrx rsi, rbx, rcx

@snippet bzhi_r32_31
@init rbx=0xffffffffffffffff rcx=0x1f flags=of
@undef af pf
    bzhi eax, ebx, ecx

@snippet shlx_sarx_shrx_r32_31
@init rbx=0x80000000800000f1 rcx=0x1f flags=cf,zf
@undef none
    shlx eax, ebx, ecx
    sarx edx, ebx, ecx
    shrx rsi, rbx, rcx

@snippet bzhi_r32_32
@init rbx=0xffffffffffffffff rcx=0x20 flags=of
@undef af pf
    bzhi eax, ebx, ecx

@snippet shlx_sarx_shrx_r32_32
@init rbx=0x80000000800000f1 rcx=0x20 flags=cf,zf
@undef none
    shlx eax, ebx, ecx
    sarx edx, ebx, ecx
    shrx rsi, rbx, rcx

@snippet bzhi_r32_200
@init rbx=0xffffffffffffffff rcx=0xc8 flags=of
@undef af pf
    bzhi eax, ebx, ecx

@snippet shlx_sarx_shrx_r32_200
@init rbx=0x80000000800000f1 rcx=0xc8 flags=cf,zf
@undef none
    shlx eax, ebx, ecx
    sarx edx, ebx, ecx
    shrx rsi, rbx, rcx

@snippet bzhi_r32_130821
@init rbx=0xffffffffffffffff rcx=0x1ff05 flags=of
@undef af pf
    bzhi eax, ebx, ecx

@snippet shlx_sarx_shrx_r32_130821
@init rbx=0x80000000800000f1 rcx=0x1ff05 flags=cf,zf
@undef none
    shlx eax, ebx, ecx
    sarx edx, ebx, ecx
    shrx rsi, rbx, rcx

@snippet rorx_r32_0
@init rbx=0x8000000000000001 flags=cf
@undef none
    rorx eax, ebx, 0

@snippet rorx_r32_1
@init rbx=0x8000000000000001 flags=cf
@undef none
    rorx eax, ebx, 1

@snippet rorx_r32_13
@init rbx=0x8000000000000001 flags=cf
@undef none
    rorx eax, ebx, 13

@snippet rorx_r32_31
@init rbx=0x8000000000000001 flags=cf
@undef none
    rorx eax, ebx, 31

@snippet mulx_r32
@init rdx=0xfffffffffffffffe rbx=0xffffffffffffffff flags=cf,of
@undef none
    mulx ecx, eax, ebx

@snippet andn_r64_zero
@init rbx=0x0 rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef af pf
    andn rax, rbx, rcx

@snippet blsi_r64_zero
@init rbx=0x0 rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef af pf
    blsi rax, rbx

@snippet blsmsk_r64_zero
@init rbx=0x0 rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef af pf
    blsmsk rax, rbx

@snippet blsr_r64_zero
@init rbx=0x0 rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef af pf
    blsr rax, rbx

@snippet pdep_pext_r64_zero
@init rbx=0x0 rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef none
    pdep rax, rcx, rbx
    pext rdx, rcx, rbx

@snippet andn_r64_one
@init rbx=0x1 rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef af pf
    andn rax, rbx, rcx

@snippet blsi_r64_one
@init rbx=0x1 rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef af pf
    blsi rax, rbx

@snippet blsmsk_r64_one
@init rbx=0x1 rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef af pf
    blsmsk rax, rbx

@snippet blsr_r64_one
@init rbx=0x1 rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef af pf
    blsr rax, rbx

@snippet pdep_pext_r64_one
@init rbx=0x1 rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef none
    pdep rax, rcx, rbx
    pext rdx, rcx, rbx

@snippet andn_r64_msb
@init rbx=0x8000000000000000 rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef af pf
    andn rax, rbx, rcx

@snippet blsi_r64_msb
@init rbx=0x8000000000000000 rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef af pf
    blsi rax, rbx

@snippet blsmsk_r64_msb
@init rbx=0x8000000000000000 rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef af pf
    blsmsk rax, rbx

@snippet blsr_r64_msb
@init rbx=0x8000000000000000 rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef af pf
    blsr rax, rbx

@snippet pdep_pext_r64_msb
@init rbx=0x8000000000000000 rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef none
    pdep rax, rcx, rbx
    pext rdx, rcx, rbx

@snippet andn_r64_mixed
@init rbx=0xf0ff000f0ff0a0 rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef af pf
    andn rax, rbx, rcx

@snippet blsi_r64_mixed
@init rbx=0xf0ff000f0ff0a0 rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef af pf
    blsi rax, rbx

@snippet blsmsk_r64_mixed
@init rbx=0xf0ff000f0ff0a0 rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef af pf
    blsmsk rax, rbx

@snippet blsr_r64_mixed
@init rbx=0xf0ff000f0ff0a0 rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef af pf
    blsr rax, rbx

@snippet pdep_pext_r64_mixed
@init rbx=0xf0ff000f0ff0a0 rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef none
    pdep rax, rcx, rbx
    pext rdx, rcx, rbx

@snippet andn_r64_ones
@init rbx=0xffffffffffffffff rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef af pf
    andn rax, rbx, rcx

@snippet blsi_r64_ones
@init rbx=0xffffffffffffffff rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef af pf
    blsi rax, rbx

@snippet blsmsk_r64_ones
@init rbx=0xffffffffffffffff rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef af pf
    blsmsk rax, rbx

@snippet blsr_r64_ones
@init rbx=0xffffffffffffffff rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef af pf
    blsr rax, rbx

@snippet pdep_pext_r64_ones
@init rbx=0xffffffffffffffff rcx=0x0f0f0f0f0f0f0f0f rax=0x7777777777777777 flags=cf,of
@undef none
    pdep rax, rcx, rbx
    pext rdx, rcx, rbx

@snippet bextr_r64_0000
@init rbx=0x89abcdef01234567 rcx=0x0 flags=cf,of,sf
@undef af pf sf
    bextr rax, rbx, rcx

@snippet bextr_r64_0804
@init rbx=0x89abcdef01234567 rcx=0x804 flags=cf,of,sf
@undef af pf sf
    bextr rax, rbx, rcx

@snippet bextr_r64_2000
@init rbx=0x89abcdef01234567 rcx=0x2000 flags=cf,of,sf
@undef af pf sf
    bextr rax, rbx, rcx

@snippet bextr_r64_0010
@init rbx=0x89abcdef01234567 rcx=0x10 flags=cf,of,sf
@undef af pf sf
    bextr rax, rbx, rcx

@snippet bextr_r64_4008
@init rbx=0x89abcdef01234567 rcx=0x4008 flags=cf,of,sf
@undef af pf sf
    bextr rax, rbx, rcx

@snippet bextr_r64_10ff
@init rbx=0x89abcdef01234567 rcx=0x10ff flags=cf,of,sf
@undef af pf sf
    bextr rax, rbx, rcx

@snippet bextr_r64_0840
@init rbx=0x89abcdef01234567 rcx=0x840 flags=cf,of,sf
@undef af pf sf
    bextr rax, rbx, rcx

@snippet bzhi_r64_0
@init rbx=0xffffffffffffffff rcx=0x0 flags=of
@undef af pf
    bzhi rax, rbx, rcx

@snippet shlx_sarx_shrx_r64_0
@init rbx=0x80000000800000f1 rcx=0x0 flags=cf,zf
@undef none
    shlx rax, rbx, rcx
    sarx edx, ebx, ecx
    shrx rsi, rbx, rcx

@snippet bzhi_r64_1
@init rbx=0xffffffffffffffff rcx=0x1 flags=of
@undef af pf
    bzhi rax, rbx, rcx

@snippet shlx_sarx_shrx_r64_1
@init rbx=0x80000000800000f1 rcx=0x1 flags=cf,zf
@undef none
    shlx rax, rbx, rcx
    sarx edx, ebx, ecx
    shrx rsi, rbx, rcx

@snippet bzhi_r64_7
@init rbx=0xffffffffffffffff rcx=0x7 flags=of
@undef af pf
    bzhi rax, rbx, rcx

@snippet shlx_sarx_shrx_r64_7
@init rbx=0x80000000800000f1 rcx=0x7 flags=cf,zf
@undef none
    shlx rax, rbx, rcx
    sarx edx, ebx, ecx
    shrx rsi, rbx, rcx

@snippet bzhi_r64_63
@init rbx=0xffffffffffffffff rcx=0x3f flags=of
@undef af pf
    bzhi rax, rbx, rcx

@snippet shlx_sarx_shrx_r64_63
@init rbx=0x80000000800000f1 rcx=0x3f flags=cf,zf
@undef none
    shlx rax, rbx, rcx
    sarx edx, ebx, ecx
    shrx rsi, rbx, rcx

@snippet bzhi_r64_64
@init rbx=0xffffffffffffffff rcx=0x40 flags=of
@undef af pf
    bzhi rax, rbx, rcx

@snippet shlx_sarx_shrx_r64_64
@init rbx=0x80000000800000f1 rcx=0x40 flags=cf,zf
@undef none
    shlx rax, rbx, rcx
    sarx edx, ebx, ecx
    shrx rsi, rbx, rcx

@snippet bzhi_r64_200
@init rbx=0xffffffffffffffff rcx=0xc8 flags=of
@undef af pf
    bzhi rax, rbx, rcx

@snippet shlx_sarx_shrx_r64_200
@init rbx=0x80000000800000f1 rcx=0xc8 flags=cf,zf
@undef none
    shlx rax, rbx, rcx
    sarx edx, ebx, ecx
    shrx rsi, rbx, rcx

@snippet bzhi_r64_130821
@init rbx=0xffffffffffffffff rcx=0x1ff05 flags=of
@undef af pf
    bzhi rax, rbx, rcx

@snippet shlx_sarx_shrx_r64_130821
@init rbx=0x80000000800000f1 rcx=0x1ff05 flags=cf,zf
@undef none
    shlx rax, rbx, rcx
    sarx edx, ebx, ecx
    shrx rsi, rbx, rcx

@snippet rorx_r64_0
@init rbx=0x8000000000000001 flags=cf
@undef none
    rorx rax, rbx, 0

@snippet rorx_r64_1
@init rbx=0x8000000000000001 flags=cf
@undef none
    rorx rax, rbx, 1

@snippet rorx_r64_13
@init rbx=0x8000000000000001 flags=cf
@undef none
    rorx rax, rbx, 13

@snippet rorx_r64_63
@init rbx=0x8000000000000001 flags=cf
@undef none
    rorx rax, rbx, 63

@snippet mulx_r64
@init rdx=0xfffffffffffffffe rbx=0xffffffffffffffff flags=cf,of
@undef none
    mulx rcx, rax, rbx

@snippet mulx_same_dest_high_wins
@init rdx=0x10 rbx=0xffffffffffffffff
@undef none
    mulx rax, rax, rbx

@snippet andn_mem
@init rsi=data
@undef af pf
    andn rax, rbx, qword ptr [rsi]
