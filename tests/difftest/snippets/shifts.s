# SHL / SHR / SAR. OF is defined only for 1-bit shifts; AF is undefined for non-zero counts.
# A count of 0 changes nothing (flags included).
@syntax intel
@undef af of

@snippet shl_r64_by1
@init rax=0xc000000000000001
@undef af
    shl rax, 1

@snippet shl_r64_by63
@init rax=3
    shl rax, 63

@snippet shl_r32_cl_ge_width
@init rax=0x12345678 rcx=33
    shl eax, cl

@snippet shl_r32_cl0_flags_kept
@init rax=0x12345678 rcx=0 flags=cf,of,zf,af
@undef none
    shl eax, cl

@snippet shr_r8_by7
@init rax=0x81
    shr al, 7

@snippet sar_r64_negative
@init rax=0x8000000000000000 rcx=65
    sar rax, cl

@snippet sar_r16_by1
@init rax=0x8001
@undef af
    sar ax, 1
