# SETcc / CMOVcc / Jcc on all 16 conditions from many flag states (random runs add more).
# CMOVcc with a 32-bit destination zeroes the upper half even when the condition is false.
@syntax intel
@undef none
@init rsi=data

@snippet seto_none
@init flags=none
    seto al
    seto bh
    seto byte ptr [rsi]

@snippet seto_cf
@init flags=cf
    seto al
    seto bh
    seto byte ptr [rsi]

@snippet seto_zf
@init flags=zf
    seto al
    seto bh
    seto byte ptr [rsi]

@snippet seto_sf
@init flags=sf
    seto al
    seto bh
    seto byte ptr [rsi]

@snippet seto_of
@init flags=of
    seto al
    seto bh
    seto byte ptr [rsi]

@snippet seto_pf
@init flags=pf
    seto al
    seto bh
    seto byte ptr [rsi]

@snippet seto_sf_of
@init flags=sf,of
    seto al
    seto bh
    seto byte ptr [rsi]

@snippet seto_cf_zf
@init flags=cf,zf
    seto al
    seto bh
    seto byte ptr [rsi]

@snippet seto_zf_sf_of
@init flags=zf,sf,of
    seto al
    seto bh
    seto byte ptr [rsi]

@snippet cmovo_r16_none
@init flags=none
    cmovo ax, bx

@snippet cmovo_r16_cf_zf
@init flags=cf,zf
    cmovo ax, bx

@snippet cmovo_r16_sf_of
@init flags=sf,of
    cmovo ax, bx

@snippet cmovo_r16_zf_pf
@init flags=zf,pf
    cmovo ax, bx

@snippet cmovo_r32_none
@init flags=none
    cmovo eax, ebx

@snippet cmovo_r32_cf_zf
@init flags=cf,zf
    cmovo eax, ebx

@snippet cmovo_r32_sf_of
@init flags=sf,of
    cmovo eax, ebx

@snippet cmovo_r32_zf_pf
@init flags=zf,pf
    cmovo eax, ebx

@snippet cmovo_r64_none
@init flags=none
    cmovo rax, rbx

@snippet cmovo_r64_cf_zf
@init flags=cf,zf
    cmovo rax, rbx

@snippet cmovo_r64_sf_of
@init flags=sf,of
    cmovo rax, rbx

@snippet cmovo_r64_zf_pf
@init flags=zf,pf
    cmovo rax, rbx

@snippet cmovo_mem
@init flags=zf,cf
    cmovo ecx, dword ptr [rsi+4]

@snippet jo_taken_or_not
@init flags=sf,pf
    mov eax, 1
    jo 1f
    mov eax, 2
    1: nop

@snippet setno_none
@init flags=none
    setno al
    setno bh
    setno byte ptr [rsi]

@snippet setno_cf
@init flags=cf
    setno al
    setno bh
    setno byte ptr [rsi]

@snippet setno_zf
@init flags=zf
    setno al
    setno bh
    setno byte ptr [rsi]

@snippet setno_sf
@init flags=sf
    setno al
    setno bh
    setno byte ptr [rsi]

@snippet setno_of
@init flags=of
    setno al
    setno bh
    setno byte ptr [rsi]

@snippet setno_pf
@init flags=pf
    setno al
    setno bh
    setno byte ptr [rsi]

@snippet setno_sf_of
@init flags=sf,of
    setno al
    setno bh
    setno byte ptr [rsi]

@snippet setno_cf_zf
@init flags=cf,zf
    setno al
    setno bh
    setno byte ptr [rsi]

@snippet setno_zf_sf_of
@init flags=zf,sf,of
    setno al
    setno bh
    setno byte ptr [rsi]

@snippet cmovno_r16_none
@init flags=none
    cmovno ax, bx

@snippet cmovno_r16_cf_zf
@init flags=cf,zf
    cmovno ax, bx

@snippet cmovno_r16_sf_of
@init flags=sf,of
    cmovno ax, bx

@snippet cmovno_r16_zf_pf
@init flags=zf,pf
    cmovno ax, bx

@snippet cmovno_r32_none
@init flags=none
    cmovno eax, ebx

@snippet cmovno_r32_cf_zf
@init flags=cf,zf
    cmovno eax, ebx

@snippet cmovno_r32_sf_of
@init flags=sf,of
    cmovno eax, ebx

@snippet cmovno_r32_zf_pf
@init flags=zf,pf
    cmovno eax, ebx

@snippet cmovno_r64_none
@init flags=none
    cmovno rax, rbx

@snippet cmovno_r64_cf_zf
@init flags=cf,zf
    cmovno rax, rbx

@snippet cmovno_r64_sf_of
@init flags=sf,of
    cmovno rax, rbx

@snippet cmovno_r64_zf_pf
@init flags=zf,pf
    cmovno rax, rbx

@snippet cmovno_mem
@init flags=zf,cf
    cmovno ecx, dword ptr [rsi+4]

@snippet jno_taken_or_not
@init flags=sf,pf
    mov eax, 1
    jno 1f
    mov eax, 2
    1: nop

@snippet setb_none
@init flags=none
    setb al
    setb bh
    setb byte ptr [rsi]

@snippet setb_cf
@init flags=cf
    setb al
    setb bh
    setb byte ptr [rsi]

@snippet setb_zf
@init flags=zf
    setb al
    setb bh
    setb byte ptr [rsi]

@snippet setb_sf
@init flags=sf
    setb al
    setb bh
    setb byte ptr [rsi]

@snippet setb_of
@init flags=of
    setb al
    setb bh
    setb byte ptr [rsi]

@snippet setb_pf
@init flags=pf
    setb al
    setb bh
    setb byte ptr [rsi]

@snippet setb_sf_of
@init flags=sf,of
    setb al
    setb bh
    setb byte ptr [rsi]

@snippet setb_cf_zf
@init flags=cf,zf
    setb al
    setb bh
    setb byte ptr [rsi]

@snippet setb_zf_sf_of
@init flags=zf,sf,of
    setb al
    setb bh
    setb byte ptr [rsi]

@snippet cmovb_r16_none
@init flags=none
    cmovb ax, bx

@snippet cmovb_r16_cf_zf
@init flags=cf,zf
    cmovb ax, bx

@snippet cmovb_r16_sf_of
@init flags=sf,of
    cmovb ax, bx

@snippet cmovb_r16_zf_pf
@init flags=zf,pf
    cmovb ax, bx

@snippet cmovb_r32_none
@init flags=none
    cmovb eax, ebx

@snippet cmovb_r32_cf_zf
@init flags=cf,zf
    cmovb eax, ebx

@snippet cmovb_r32_sf_of
@init flags=sf,of
    cmovb eax, ebx

@snippet cmovb_r32_zf_pf
@init flags=zf,pf
    cmovb eax, ebx

@snippet cmovb_r64_none
@init flags=none
    cmovb rax, rbx

@snippet cmovb_r64_cf_zf
@init flags=cf,zf
    cmovb rax, rbx

@snippet cmovb_r64_sf_of
@init flags=sf,of
    cmovb rax, rbx

@snippet cmovb_r64_zf_pf
@init flags=zf,pf
    cmovb rax, rbx

@snippet cmovb_mem
@init flags=zf,cf
    cmovb ecx, dword ptr [rsi+4]

@snippet jb_taken_or_not
@init flags=sf,pf
    mov eax, 1
    jb 1f
    mov eax, 2
    1: nop

@snippet setae_none
@init flags=none
    setae al
    setae bh
    setae byte ptr [rsi]

@snippet setae_cf
@init flags=cf
    setae al
    setae bh
    setae byte ptr [rsi]

@snippet setae_zf
@init flags=zf
    setae al
    setae bh
    setae byte ptr [rsi]

@snippet setae_sf
@init flags=sf
    setae al
    setae bh
    setae byte ptr [rsi]

@snippet setae_of
@init flags=of
    setae al
    setae bh
    setae byte ptr [rsi]

@snippet setae_pf
@init flags=pf
    setae al
    setae bh
    setae byte ptr [rsi]

@snippet setae_sf_of
@init flags=sf,of
    setae al
    setae bh
    setae byte ptr [rsi]

@snippet setae_cf_zf
@init flags=cf,zf
    setae al
    setae bh
    setae byte ptr [rsi]

@snippet setae_zf_sf_of
@init flags=zf,sf,of
    setae al
    setae bh
    setae byte ptr [rsi]

@snippet cmovae_r16_none
@init flags=none
    cmovae ax, bx

@snippet cmovae_r16_cf_zf
@init flags=cf,zf
    cmovae ax, bx

@snippet cmovae_r16_sf_of
@init flags=sf,of
    cmovae ax, bx

@snippet cmovae_r16_zf_pf
@init flags=zf,pf
    cmovae ax, bx

@snippet cmovae_r32_none
@init flags=none
    cmovae eax, ebx

@snippet cmovae_r32_cf_zf
@init flags=cf,zf
    cmovae eax, ebx

@snippet cmovae_r32_sf_of
@init flags=sf,of
    cmovae eax, ebx

@snippet cmovae_r32_zf_pf
@init flags=zf,pf
    cmovae eax, ebx

@snippet cmovae_r64_none
@init flags=none
    cmovae rax, rbx

@snippet cmovae_r64_cf_zf
@init flags=cf,zf
    cmovae rax, rbx

@snippet cmovae_r64_sf_of
@init flags=sf,of
    cmovae rax, rbx

@snippet cmovae_r64_zf_pf
@init flags=zf,pf
    cmovae rax, rbx

@snippet cmovae_mem
@init flags=zf,cf
    cmovae ecx, dword ptr [rsi+4]

@snippet jae_taken_or_not
@init flags=sf,pf
    mov eax, 1
    jae 1f
    mov eax, 2
    1: nop

@snippet sete_none
@init flags=none
    sete al
    sete bh
    sete byte ptr [rsi]

@snippet sete_cf
@init flags=cf
    sete al
    sete bh
    sete byte ptr [rsi]

@snippet sete_zf
@init flags=zf
    sete al
    sete bh
    sete byte ptr [rsi]

@snippet sete_sf
@init flags=sf
    sete al
    sete bh
    sete byte ptr [rsi]

@snippet sete_of
@init flags=of
    sete al
    sete bh
    sete byte ptr [rsi]

@snippet sete_pf
@init flags=pf
    sete al
    sete bh
    sete byte ptr [rsi]

@snippet sete_sf_of
@init flags=sf,of
    sete al
    sete bh
    sete byte ptr [rsi]

@snippet sete_cf_zf
@init flags=cf,zf
    sete al
    sete bh
    sete byte ptr [rsi]

@snippet sete_zf_sf_of
@init flags=zf,sf,of
    sete al
    sete bh
    sete byte ptr [rsi]

@snippet cmove_r16_none
@init flags=none
    cmove ax, bx

@snippet cmove_r16_cf_zf
@init flags=cf,zf
    cmove ax, bx

@snippet cmove_r16_sf_of
@init flags=sf,of
    cmove ax, bx

@snippet cmove_r16_zf_pf
@init flags=zf,pf
    cmove ax, bx

@snippet cmove_r32_none
@init flags=none
    cmove eax, ebx

@snippet cmove_r32_cf_zf
@init flags=cf,zf
    cmove eax, ebx

@snippet cmove_r32_sf_of
@init flags=sf,of
    cmove eax, ebx

@snippet cmove_r32_zf_pf
@init flags=zf,pf
    cmove eax, ebx

@snippet cmove_r64_none
@init flags=none
    cmove rax, rbx

@snippet cmove_r64_cf_zf
@init flags=cf,zf
    cmove rax, rbx

@snippet cmove_r64_sf_of
@init flags=sf,of
    cmove rax, rbx

@snippet cmove_r64_zf_pf
@init flags=zf,pf
    cmove rax, rbx

@snippet cmove_mem
@init flags=zf,cf
    cmove ecx, dword ptr [rsi+4]

@snippet je_taken_or_not
@init flags=sf,pf
    mov eax, 1
    je 1f
    mov eax, 2
    1: nop

@snippet setne_none
@init flags=none
    setne al
    setne bh
    setne byte ptr [rsi]

@snippet setne_cf
@init flags=cf
    setne al
    setne bh
    setne byte ptr [rsi]

@snippet setne_zf
@init flags=zf
    setne al
    setne bh
    setne byte ptr [rsi]

@snippet setne_sf
@init flags=sf
    setne al
    setne bh
    setne byte ptr [rsi]

@snippet setne_of
@init flags=of
    setne al
    setne bh
    setne byte ptr [rsi]

@snippet setne_pf
@init flags=pf
    setne al
    setne bh
    setne byte ptr [rsi]

@snippet setne_sf_of
@init flags=sf,of
    setne al
    setne bh
    setne byte ptr [rsi]

@snippet setne_cf_zf
@init flags=cf,zf
    setne al
    setne bh
    setne byte ptr [rsi]

@snippet setne_zf_sf_of
@init flags=zf,sf,of
    setne al
    setne bh
    setne byte ptr [rsi]

@snippet cmovne_r16_none
@init flags=none
    cmovne ax, bx

@snippet cmovne_r16_cf_zf
@init flags=cf,zf
    cmovne ax, bx

@snippet cmovne_r16_sf_of
@init flags=sf,of
    cmovne ax, bx

@snippet cmovne_r16_zf_pf
@init flags=zf,pf
    cmovne ax, bx

@snippet cmovne_r32_none
@init flags=none
    cmovne eax, ebx

@snippet cmovne_r32_cf_zf
@init flags=cf,zf
    cmovne eax, ebx

@snippet cmovne_r32_sf_of
@init flags=sf,of
    cmovne eax, ebx

@snippet cmovne_r32_zf_pf
@init flags=zf,pf
    cmovne eax, ebx

@snippet cmovne_r64_none
@init flags=none
    cmovne rax, rbx

@snippet cmovne_r64_cf_zf
@init flags=cf,zf
    cmovne rax, rbx

@snippet cmovne_r64_sf_of
@init flags=sf,of
    cmovne rax, rbx

@snippet cmovne_r64_zf_pf
@init flags=zf,pf
    cmovne rax, rbx

@snippet cmovne_mem
@init flags=zf,cf
    cmovne ecx, dword ptr [rsi+4]

@snippet jne_taken_or_not
@init flags=sf,pf
    mov eax, 1
    jne 1f
    mov eax, 2
    1: nop

@snippet setbe_none
@init flags=none
    setbe al
    setbe bh
    setbe byte ptr [rsi]

@snippet setbe_cf
@init flags=cf
    setbe al
    setbe bh
    setbe byte ptr [rsi]

@snippet setbe_zf
@init flags=zf
    setbe al
    setbe bh
    setbe byte ptr [rsi]

@snippet setbe_sf
@init flags=sf
    setbe al
    setbe bh
    setbe byte ptr [rsi]

@snippet setbe_of
@init flags=of
    setbe al
    setbe bh
    setbe byte ptr [rsi]

@snippet setbe_pf
@init flags=pf
    setbe al
    setbe bh
    setbe byte ptr [rsi]

@snippet setbe_sf_of
@init flags=sf,of
    setbe al
    setbe bh
    setbe byte ptr [rsi]

@snippet setbe_cf_zf
@init flags=cf,zf
    setbe al
    setbe bh
    setbe byte ptr [rsi]

@snippet setbe_zf_sf_of
@init flags=zf,sf,of
    setbe al
    setbe bh
    setbe byte ptr [rsi]

@snippet cmovbe_r16_none
@init flags=none
    cmovbe ax, bx

@snippet cmovbe_r16_cf_zf
@init flags=cf,zf
    cmovbe ax, bx

@snippet cmovbe_r16_sf_of
@init flags=sf,of
    cmovbe ax, bx

@snippet cmovbe_r16_zf_pf
@init flags=zf,pf
    cmovbe ax, bx

@snippet cmovbe_r32_none
@init flags=none
    cmovbe eax, ebx

@snippet cmovbe_r32_cf_zf
@init flags=cf,zf
    cmovbe eax, ebx

@snippet cmovbe_r32_sf_of
@init flags=sf,of
    cmovbe eax, ebx

@snippet cmovbe_r32_zf_pf
@init flags=zf,pf
    cmovbe eax, ebx

@snippet cmovbe_r64_none
@init flags=none
    cmovbe rax, rbx

@snippet cmovbe_r64_cf_zf
@init flags=cf,zf
    cmovbe rax, rbx

@snippet cmovbe_r64_sf_of
@init flags=sf,of
    cmovbe rax, rbx

@snippet cmovbe_r64_zf_pf
@init flags=zf,pf
    cmovbe rax, rbx

@snippet cmovbe_mem
@init flags=zf,cf
    cmovbe ecx, dword ptr [rsi+4]

@snippet jbe_taken_or_not
@init flags=sf,pf
    mov eax, 1
    jbe 1f
    mov eax, 2
    1: nop

@snippet seta_none
@init flags=none
    seta al
    seta bh
    seta byte ptr [rsi]

@snippet seta_cf
@init flags=cf
    seta al
    seta bh
    seta byte ptr [rsi]

@snippet seta_zf
@init flags=zf
    seta al
    seta bh
    seta byte ptr [rsi]

@snippet seta_sf
@init flags=sf
    seta al
    seta bh
    seta byte ptr [rsi]

@snippet seta_of
@init flags=of
    seta al
    seta bh
    seta byte ptr [rsi]

@snippet seta_pf
@init flags=pf
    seta al
    seta bh
    seta byte ptr [rsi]

@snippet seta_sf_of
@init flags=sf,of
    seta al
    seta bh
    seta byte ptr [rsi]

@snippet seta_cf_zf
@init flags=cf,zf
    seta al
    seta bh
    seta byte ptr [rsi]

@snippet seta_zf_sf_of
@init flags=zf,sf,of
    seta al
    seta bh
    seta byte ptr [rsi]

@snippet cmova_r16_none
@init flags=none
    cmova ax, bx

@snippet cmova_r16_cf_zf
@init flags=cf,zf
    cmova ax, bx

@snippet cmova_r16_sf_of
@init flags=sf,of
    cmova ax, bx

@snippet cmova_r16_zf_pf
@init flags=zf,pf
    cmova ax, bx

@snippet cmova_r32_none
@init flags=none
    cmova eax, ebx

@snippet cmova_r32_cf_zf
@init flags=cf,zf
    cmova eax, ebx

@snippet cmova_r32_sf_of
@init flags=sf,of
    cmova eax, ebx

@snippet cmova_r32_zf_pf
@init flags=zf,pf
    cmova eax, ebx

@snippet cmova_r64_none
@init flags=none
    cmova rax, rbx

@snippet cmova_r64_cf_zf
@init flags=cf,zf
    cmova rax, rbx

@snippet cmova_r64_sf_of
@init flags=sf,of
    cmova rax, rbx

@snippet cmova_r64_zf_pf
@init flags=zf,pf
    cmova rax, rbx

@snippet cmova_mem
@init flags=zf,cf
    cmova ecx, dword ptr [rsi+4]

@snippet ja_taken_or_not
@init flags=sf,pf
    mov eax, 1
    ja 1f
    mov eax, 2
    1: nop

@snippet sets_none
@init flags=none
    sets al
    sets bh
    sets byte ptr [rsi]

@snippet sets_cf
@init flags=cf
    sets al
    sets bh
    sets byte ptr [rsi]

@snippet sets_zf
@init flags=zf
    sets al
    sets bh
    sets byte ptr [rsi]

@snippet sets_sf
@init flags=sf
    sets al
    sets bh
    sets byte ptr [rsi]

@snippet sets_of
@init flags=of
    sets al
    sets bh
    sets byte ptr [rsi]

@snippet sets_pf
@init flags=pf
    sets al
    sets bh
    sets byte ptr [rsi]

@snippet sets_sf_of
@init flags=sf,of
    sets al
    sets bh
    sets byte ptr [rsi]

@snippet sets_cf_zf
@init flags=cf,zf
    sets al
    sets bh
    sets byte ptr [rsi]

@snippet sets_zf_sf_of
@init flags=zf,sf,of
    sets al
    sets bh
    sets byte ptr [rsi]

@snippet cmovs_r16_none
@init flags=none
    cmovs ax, bx

@snippet cmovs_r16_cf_zf
@init flags=cf,zf
    cmovs ax, bx

@snippet cmovs_r16_sf_of
@init flags=sf,of
    cmovs ax, bx

@snippet cmovs_r16_zf_pf
@init flags=zf,pf
    cmovs ax, bx

@snippet cmovs_r32_none
@init flags=none
    cmovs eax, ebx

@snippet cmovs_r32_cf_zf
@init flags=cf,zf
    cmovs eax, ebx

@snippet cmovs_r32_sf_of
@init flags=sf,of
    cmovs eax, ebx

@snippet cmovs_r32_zf_pf
@init flags=zf,pf
    cmovs eax, ebx

@snippet cmovs_r64_none
@init flags=none
    cmovs rax, rbx

@snippet cmovs_r64_cf_zf
@init flags=cf,zf
    cmovs rax, rbx

@snippet cmovs_r64_sf_of
@init flags=sf,of
    cmovs rax, rbx

@snippet cmovs_r64_zf_pf
@init flags=zf,pf
    cmovs rax, rbx

@snippet cmovs_mem
@init flags=zf,cf
    cmovs ecx, dword ptr [rsi+4]

@snippet js_taken_or_not
@init flags=sf,pf
    mov eax, 1
    js 1f
    mov eax, 2
    1: nop

@snippet setns_none
@init flags=none
    setns al
    setns bh
    setns byte ptr [rsi]

@snippet setns_cf
@init flags=cf
    setns al
    setns bh
    setns byte ptr [rsi]

@snippet setns_zf
@init flags=zf
    setns al
    setns bh
    setns byte ptr [rsi]

@snippet setns_sf
@init flags=sf
    setns al
    setns bh
    setns byte ptr [rsi]

@snippet setns_of
@init flags=of
    setns al
    setns bh
    setns byte ptr [rsi]

@snippet setns_pf
@init flags=pf
    setns al
    setns bh
    setns byte ptr [rsi]

@snippet setns_sf_of
@init flags=sf,of
    setns al
    setns bh
    setns byte ptr [rsi]

@snippet setns_cf_zf
@init flags=cf,zf
    setns al
    setns bh
    setns byte ptr [rsi]

@snippet setns_zf_sf_of
@init flags=zf,sf,of
    setns al
    setns bh
    setns byte ptr [rsi]

@snippet cmovns_r16_none
@init flags=none
    cmovns ax, bx

@snippet cmovns_r16_cf_zf
@init flags=cf,zf
    cmovns ax, bx

@snippet cmovns_r16_sf_of
@init flags=sf,of
    cmovns ax, bx

@snippet cmovns_r16_zf_pf
@init flags=zf,pf
    cmovns ax, bx

@snippet cmovns_r32_none
@init flags=none
    cmovns eax, ebx

@snippet cmovns_r32_cf_zf
@init flags=cf,zf
    cmovns eax, ebx

@snippet cmovns_r32_sf_of
@init flags=sf,of
    cmovns eax, ebx

@snippet cmovns_r32_zf_pf
@init flags=zf,pf
    cmovns eax, ebx

@snippet cmovns_r64_none
@init flags=none
    cmovns rax, rbx

@snippet cmovns_r64_cf_zf
@init flags=cf,zf
    cmovns rax, rbx

@snippet cmovns_r64_sf_of
@init flags=sf,of
    cmovns rax, rbx

@snippet cmovns_r64_zf_pf
@init flags=zf,pf
    cmovns rax, rbx

@snippet cmovns_mem
@init flags=zf,cf
    cmovns ecx, dword ptr [rsi+4]

@snippet jns_taken_or_not
@init flags=sf,pf
    mov eax, 1
    jns 1f
    mov eax, 2
    1: nop

@snippet setp_none
@init flags=none
    setp al
    setp bh
    setp byte ptr [rsi]

@snippet setp_cf
@init flags=cf
    setp al
    setp bh
    setp byte ptr [rsi]

@snippet setp_zf
@init flags=zf
    setp al
    setp bh
    setp byte ptr [rsi]

@snippet setp_sf
@init flags=sf
    setp al
    setp bh
    setp byte ptr [rsi]

@snippet setp_of
@init flags=of
    setp al
    setp bh
    setp byte ptr [rsi]

@snippet setp_pf
@init flags=pf
    setp al
    setp bh
    setp byte ptr [rsi]

@snippet setp_sf_of
@init flags=sf,of
    setp al
    setp bh
    setp byte ptr [rsi]

@snippet setp_cf_zf
@init flags=cf,zf
    setp al
    setp bh
    setp byte ptr [rsi]

@snippet setp_zf_sf_of
@init flags=zf,sf,of
    setp al
    setp bh
    setp byte ptr [rsi]

@snippet cmovp_r16_none
@init flags=none
    cmovp ax, bx

@snippet cmovp_r16_cf_zf
@init flags=cf,zf
    cmovp ax, bx

@snippet cmovp_r16_sf_of
@init flags=sf,of
    cmovp ax, bx

@snippet cmovp_r16_zf_pf
@init flags=zf,pf
    cmovp ax, bx

@snippet cmovp_r32_none
@init flags=none
    cmovp eax, ebx

@snippet cmovp_r32_cf_zf
@init flags=cf,zf
    cmovp eax, ebx

@snippet cmovp_r32_sf_of
@init flags=sf,of
    cmovp eax, ebx

@snippet cmovp_r32_zf_pf
@init flags=zf,pf
    cmovp eax, ebx

@snippet cmovp_r64_none
@init flags=none
    cmovp rax, rbx

@snippet cmovp_r64_cf_zf
@init flags=cf,zf
    cmovp rax, rbx

@snippet cmovp_r64_sf_of
@init flags=sf,of
    cmovp rax, rbx

@snippet cmovp_r64_zf_pf
@init flags=zf,pf
    cmovp rax, rbx

@snippet cmovp_mem
@init flags=zf,cf
    cmovp ecx, dword ptr [rsi+4]

@snippet jp_taken_or_not
@init flags=sf,pf
    mov eax, 1
    jp 1f
    mov eax, 2
    1: nop

@snippet setnp_none
@init flags=none
    setnp al
    setnp bh
    setnp byte ptr [rsi]

@snippet setnp_cf
@init flags=cf
    setnp al
    setnp bh
    setnp byte ptr [rsi]

@snippet setnp_zf
@init flags=zf
    setnp al
    setnp bh
    setnp byte ptr [rsi]

@snippet setnp_sf
@init flags=sf
    setnp al
    setnp bh
    setnp byte ptr [rsi]

@snippet setnp_of
@init flags=of
    setnp al
    setnp bh
    setnp byte ptr [rsi]

@snippet setnp_pf
@init flags=pf
    setnp al
    setnp bh
    setnp byte ptr [rsi]

@snippet setnp_sf_of
@init flags=sf,of
    setnp al
    setnp bh
    setnp byte ptr [rsi]

@snippet setnp_cf_zf
@init flags=cf,zf
    setnp al
    setnp bh
    setnp byte ptr [rsi]

@snippet setnp_zf_sf_of
@init flags=zf,sf,of
    setnp al
    setnp bh
    setnp byte ptr [rsi]

@snippet cmovnp_r16_none
@init flags=none
    cmovnp ax, bx

@snippet cmovnp_r16_cf_zf
@init flags=cf,zf
    cmovnp ax, bx

@snippet cmovnp_r16_sf_of
@init flags=sf,of
    cmovnp ax, bx

@snippet cmovnp_r16_zf_pf
@init flags=zf,pf
    cmovnp ax, bx

@snippet cmovnp_r32_none
@init flags=none
    cmovnp eax, ebx

@snippet cmovnp_r32_cf_zf
@init flags=cf,zf
    cmovnp eax, ebx

@snippet cmovnp_r32_sf_of
@init flags=sf,of
    cmovnp eax, ebx

@snippet cmovnp_r32_zf_pf
@init flags=zf,pf
    cmovnp eax, ebx

@snippet cmovnp_r64_none
@init flags=none
    cmovnp rax, rbx

@snippet cmovnp_r64_cf_zf
@init flags=cf,zf
    cmovnp rax, rbx

@snippet cmovnp_r64_sf_of
@init flags=sf,of
    cmovnp rax, rbx

@snippet cmovnp_r64_zf_pf
@init flags=zf,pf
    cmovnp rax, rbx

@snippet cmovnp_mem
@init flags=zf,cf
    cmovnp ecx, dword ptr [rsi+4]

@snippet jnp_taken_or_not
@init flags=sf,pf
    mov eax, 1
    jnp 1f
    mov eax, 2
    1: nop

@snippet setl_none
@init flags=none
    setl al
    setl bh
    setl byte ptr [rsi]

@snippet setl_cf
@init flags=cf
    setl al
    setl bh
    setl byte ptr [rsi]

@snippet setl_zf
@init flags=zf
    setl al
    setl bh
    setl byte ptr [rsi]

@snippet setl_sf
@init flags=sf
    setl al
    setl bh
    setl byte ptr [rsi]

@snippet setl_of
@init flags=of
    setl al
    setl bh
    setl byte ptr [rsi]

@snippet setl_pf
@init flags=pf
    setl al
    setl bh
    setl byte ptr [rsi]

@snippet setl_sf_of
@init flags=sf,of
    setl al
    setl bh
    setl byte ptr [rsi]

@snippet setl_cf_zf
@init flags=cf,zf
    setl al
    setl bh
    setl byte ptr [rsi]

@snippet setl_zf_sf_of
@init flags=zf,sf,of
    setl al
    setl bh
    setl byte ptr [rsi]

@snippet cmovl_r16_none
@init flags=none
    cmovl ax, bx

@snippet cmovl_r16_cf_zf
@init flags=cf,zf
    cmovl ax, bx

@snippet cmovl_r16_sf_of
@init flags=sf,of
    cmovl ax, bx

@snippet cmovl_r16_zf_pf
@init flags=zf,pf
    cmovl ax, bx

@snippet cmovl_r32_none
@init flags=none
    cmovl eax, ebx

@snippet cmovl_r32_cf_zf
@init flags=cf,zf
    cmovl eax, ebx

@snippet cmovl_r32_sf_of
@init flags=sf,of
    cmovl eax, ebx

@snippet cmovl_r32_zf_pf
@init flags=zf,pf
    cmovl eax, ebx

@snippet cmovl_r64_none
@init flags=none
    cmovl rax, rbx

@snippet cmovl_r64_cf_zf
@init flags=cf,zf
    cmovl rax, rbx

@snippet cmovl_r64_sf_of
@init flags=sf,of
    cmovl rax, rbx

@snippet cmovl_r64_zf_pf
@init flags=zf,pf
    cmovl rax, rbx

@snippet cmovl_mem
@init flags=zf,cf
    cmovl ecx, dword ptr [rsi+4]

@snippet jl_taken_or_not
@init flags=sf,pf
    mov eax, 1
    jl 1f
    mov eax, 2
    1: nop

@snippet setge_none
@init flags=none
    setge al
    setge bh
    setge byte ptr [rsi]

@snippet setge_cf
@init flags=cf
    setge al
    setge bh
    setge byte ptr [rsi]

@snippet setge_zf
@init flags=zf
    setge al
    setge bh
    setge byte ptr [rsi]

@snippet setge_sf
@init flags=sf
    setge al
    setge bh
    setge byte ptr [rsi]

@snippet setge_of
@init flags=of
    setge al
    setge bh
    setge byte ptr [rsi]

@snippet setge_pf
@init flags=pf
    setge al
    setge bh
    setge byte ptr [rsi]

@snippet setge_sf_of
@init flags=sf,of
    setge al
    setge bh
    setge byte ptr [rsi]

@snippet setge_cf_zf
@init flags=cf,zf
    setge al
    setge bh
    setge byte ptr [rsi]

@snippet setge_zf_sf_of
@init flags=zf,sf,of
    setge al
    setge bh
    setge byte ptr [rsi]

@snippet cmovge_r16_none
@init flags=none
    cmovge ax, bx

@snippet cmovge_r16_cf_zf
@init flags=cf,zf
    cmovge ax, bx

@snippet cmovge_r16_sf_of
@init flags=sf,of
    cmovge ax, bx

@snippet cmovge_r16_zf_pf
@init flags=zf,pf
    cmovge ax, bx

@snippet cmovge_r32_none
@init flags=none
    cmovge eax, ebx

@snippet cmovge_r32_cf_zf
@init flags=cf,zf
    cmovge eax, ebx

@snippet cmovge_r32_sf_of
@init flags=sf,of
    cmovge eax, ebx

@snippet cmovge_r32_zf_pf
@init flags=zf,pf
    cmovge eax, ebx

@snippet cmovge_r64_none
@init flags=none
    cmovge rax, rbx

@snippet cmovge_r64_cf_zf
@init flags=cf,zf
    cmovge rax, rbx

@snippet cmovge_r64_sf_of
@init flags=sf,of
    cmovge rax, rbx

@snippet cmovge_r64_zf_pf
@init flags=zf,pf
    cmovge rax, rbx

@snippet cmovge_mem
@init flags=zf,cf
    cmovge ecx, dword ptr [rsi+4]

@snippet jge_taken_or_not
@init flags=sf,pf
    mov eax, 1
    jge 1f
    mov eax, 2
    1: nop

@snippet setle_none
@init flags=none
    setle al
    setle bh
    setle byte ptr [rsi]

@snippet setle_cf
@init flags=cf
    setle al
    setle bh
    setle byte ptr [rsi]

@snippet setle_zf
@init flags=zf
    setle al
    setle bh
    setle byte ptr [rsi]

@snippet setle_sf
@init flags=sf
    setle al
    setle bh
    setle byte ptr [rsi]

@snippet setle_of
@init flags=of
    setle al
    setle bh
    setle byte ptr [rsi]

@snippet setle_pf
@init flags=pf
    setle al
    setle bh
    setle byte ptr [rsi]

@snippet setle_sf_of
@init flags=sf,of
    setle al
    setle bh
    setle byte ptr [rsi]

@snippet setle_cf_zf
@init flags=cf,zf
    setle al
    setle bh
    setle byte ptr [rsi]

@snippet setle_zf_sf_of
@init flags=zf,sf,of
    setle al
    setle bh
    setle byte ptr [rsi]

@snippet cmovle_r16_none
@init flags=none
    cmovle ax, bx

@snippet cmovle_r16_cf_zf
@init flags=cf,zf
    cmovle ax, bx

@snippet cmovle_r16_sf_of
@init flags=sf,of
    cmovle ax, bx

@snippet cmovle_r16_zf_pf
@init flags=zf,pf
    cmovle ax, bx

@snippet cmovle_r32_none
@init flags=none
    cmovle eax, ebx

@snippet cmovle_r32_cf_zf
@init flags=cf,zf
    cmovle eax, ebx

@snippet cmovle_r32_sf_of
@init flags=sf,of
    cmovle eax, ebx

@snippet cmovle_r32_zf_pf
@init flags=zf,pf
    cmovle eax, ebx

@snippet cmovle_r64_none
@init flags=none
    cmovle rax, rbx

@snippet cmovle_r64_cf_zf
@init flags=cf,zf
    cmovle rax, rbx

@snippet cmovle_r64_sf_of
@init flags=sf,of
    cmovle rax, rbx

@snippet cmovle_r64_zf_pf
@init flags=zf,pf
    cmovle rax, rbx

@snippet cmovle_mem
@init flags=zf,cf
    cmovle ecx, dword ptr [rsi+4]

@snippet jle_taken_or_not
@init flags=sf,pf
    mov eax, 1
    jle 1f
    mov eax, 2
    1: nop

@snippet setg_none
@init flags=none
    setg al
    setg bh
    setg byte ptr [rsi]

@snippet setg_cf
@init flags=cf
    setg al
    setg bh
    setg byte ptr [rsi]

@snippet setg_zf
@init flags=zf
    setg al
    setg bh
    setg byte ptr [rsi]

@snippet setg_sf
@init flags=sf
    setg al
    setg bh
    setg byte ptr [rsi]

@snippet setg_of
@init flags=of
    setg al
    setg bh
    setg byte ptr [rsi]

@snippet setg_pf
@init flags=pf
    setg al
    setg bh
    setg byte ptr [rsi]

@snippet setg_sf_of
@init flags=sf,of
    setg al
    setg bh
    setg byte ptr [rsi]

@snippet setg_cf_zf
@init flags=cf,zf
    setg al
    setg bh
    setg byte ptr [rsi]

@snippet setg_zf_sf_of
@init flags=zf,sf,of
    setg al
    setg bh
    setg byte ptr [rsi]

@snippet cmovg_r16_none
@init flags=none
    cmovg ax, bx

@snippet cmovg_r16_cf_zf
@init flags=cf,zf
    cmovg ax, bx

@snippet cmovg_r16_sf_of
@init flags=sf,of
    cmovg ax, bx

@snippet cmovg_r16_zf_pf
@init flags=zf,pf
    cmovg ax, bx

@snippet cmovg_r32_none
@init flags=none
    cmovg eax, ebx

@snippet cmovg_r32_cf_zf
@init flags=cf,zf
    cmovg eax, ebx

@snippet cmovg_r32_sf_of
@init flags=sf,of
    cmovg eax, ebx

@snippet cmovg_r32_zf_pf
@init flags=zf,pf
    cmovg eax, ebx

@snippet cmovg_r64_none
@init flags=none
    cmovg rax, rbx

@snippet cmovg_r64_cf_zf
@init flags=cf,zf
    cmovg rax, rbx

@snippet cmovg_r64_sf_of
@init flags=sf,of
    cmovg rax, rbx

@snippet cmovg_r64_zf_pf
@init flags=zf,pf
    cmovg rax, rbx

@snippet cmovg_mem
@init flags=zf,cf
    cmovg ecx, dword ptr [rsi+4]

@snippet jg_taken_or_not
@init flags=sf,pf
    mov eax, 1
    jg 1f
    mov eax, 2
    1: nop
