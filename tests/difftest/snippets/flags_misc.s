# LAHF / SAHF, CLC / STC / CMC / CLD / STD, NOP forms, and instructions whose results differ by
# design (RDTSC, CPUID: only the feature bits every x86-64-v2 CPU has are compared).
@syntax intel
@undef none

@snippet lahf_none
@init flags=none
    lahf

@snippet lahf_cf
@init flags=cf
    lahf

@snippet lahf_zf_sf
@init flags=zf,sf
    lahf

@snippet lahf_af_pf
@init flags=af,pf
    lahf

@snippet lahf_cf_pf_af_zf_sf_of
@init flags=cf,pf,af,zf,sf,of
    lahf

@snippet sahf_00
@init rax=0x0 flags=of
    sahf

@snippet sahf_ff
@init rax=0xff00 flags=of
    sahf

@snippet sahf_d5
@init rax=0xd500 flags=of
    sahf

@snippet sahf_41
@init rax=0x4100 flags=of
    sahf

@snippet sahf_2a
@init rax=0x2a00 flags=of
    sahf

@snippet clc_stc_cmc
    stc
    cmc
    cmc

@snippet clc
@init flags=cf
    clc

@snippet std_cld
    std
    cld

@snippet std_only
@norandom leaves DF set on purpose
    std

@snippet xchg_nop_forms
    nop
    xchg ax, ax
    nop dword ptr [rax+rax*1+0]
    nop word ptr [rax+rax*1+0]

@snippet setcc_after_sub
    sub rax, rbx
    setb cl
    setl dl
    seto bl

@snippet cmc_chain_adc
    cmc
    adc rax, 0
    cmc
    sbb rbx, 0

@snippet salc_free_test_jcc
@undef af
    test rax, rax
    js 1f
    mov ecx, 1
    1: nop

@snippet rdtsc_runs
@undef af
    rdtsc
    xor eax, eax
    xor edx, edx

@snippet cpuid_leaf0_runs
@undef af
    xor eax, eax
    xor ecx, ecx
    cpuid
    xor eax, eax
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx

@snippet cpuid_leaf1_sse2_bit
@undef af
    mov eax, 1
    cpuid
    shr edx, 26
    and edx, 1
    xor eax, eax
    xor ebx, ebx
    xor ecx, ecx

@snippet cpuid_leaf1_sse42_bit
@undef af
    mov eax, 1
    cpuid
    shr ecx, 20
    and ecx, 1
    mov edx, ecx
    xor eax, eax
    xor ebx, ebx
    xor ecx, ecx
