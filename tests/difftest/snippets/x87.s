# x87: loads/stores in every format, integer loads/stores with the four rounding modes and
# overflow (integer indefinite), arithmetic in all operand forms, precision control, NaN/inf/zero
# cases, transcendental and other special instructions, compares into FSW and RFLAGS, FXAM,
# stack manipulation (overflow/underflow masked), FCMOVcc, FXSAVE/FXRSTOR (XSAVE family: xsave.s).
# C0/C2/C3 are undefined after arithmetic; C1 (rounding direction, stack fault) is compared.
@syntax intel
@init rsi=data
@mem 0x00 f64:1.5,-2.75,1e300,3.0
@mem 0x20 f32:0.1,-1e-30
@mem 0x40 f80:0.3333333333333333
@mem 0x48 f64:0.7
@mem 0x50 f80:-12.375
@mem 0x60 i16:-5,32767
@mem 0x68 i32:123456789,-1
@mem 0x70 i64:0x7fffffffffffffff,-3
@mem 0x80 f64:-2.5,1234567.5
@mem 0x90 u16:0x37f,0x77f,0xb7f,0xf7f
@mem 0x98 u16:0x37f,0x37f,0x7f,0x27f
@mem 0xa0 f64:inf,-inf,1e-3,nan
@mem 0xc0 f64:10.0
@mem 0x600 u16:0x27f,0x0000
@mem 0x604 u8:0x07
@mem 0x618 u32:0x1f80,0xffff
@mem 0x620 f80:2.5
@mem 0x630 f80:-0.125
@mem 0x640 f80:1e100

@snippet fld_fstp_m64
@undef c0 c2 c3
    fld qword ptr [rsi]
    fld qword ptr [rsi+8]
    fstp qword ptr [rsi+0x100]
    fstp qword ptr [rsi+0x108]

@snippet fld_m32_fst_m32
@undef c0 c2 c3
    fld dword ptr [rsi+0x20]
    fst dword ptr [rsi+0x100]
    fstp qword ptr [rsi+0x108]

@snippet fld_m80_fstp_m80
@undef c0 c2 c3
    fld tbyte ptr [rsi+0x40]
    fld st(0)
    fstp tbyte ptr [rsi+0x100]

@snippet fld_m64_keep_stack
@undef c0 c2 c3
    fld qword ptr [rsi]
    fld qword ptr [rsi+8]
    fld qword ptr [rsi+16]

@snippet fst_narrowing_m32
@undef c0 c2 c3
    fld qword ptr [rsi+16]
    fst dword ptr [rsi+0x100]
    fld qword ptr [rsi+0x48]
    fstp dword ptr [rsi+0x104]

@snippet fst_sti
@undef c0 c2 c3
    fld qword ptr [rsi]
    fld qword ptr [rsi+8]
    fld1
    fst st(2)
    fstp st(1)

@snippet fild_all_widths
@undef c0 c2 c3
    fild word ptr [rsi+0x60]
    fild dword ptr [rsi+0x68]
    fild qword ptr [rsi+0x70]
    fild qword ptr [rsi+0x78]

@snippet fistp_rc0
@undef c0 c2 c3
    fldcw word ptr [rsi+0x90+0]
    fld qword ptr [rsi+0x80]
    fistp dword ptr [rsi+0x100]
    fld qword ptr [rsi+0x88]
    fistp qword ptr [rsi+0x108]
    fld qword ptr [rsi+0x80]
    fistp word ptr [rsi+0x110]
    fld qword ptr [rsi]
    frndint

@snippet fistp_rc1
@undef c0 c2 c3
    fldcw word ptr [rsi+0x90+2]
    fld qword ptr [rsi+0x80]
    fistp dword ptr [rsi+0x100]
    fld qword ptr [rsi+0x88]
    fistp qword ptr [rsi+0x108]
    fld qword ptr [rsi+0x80]
    fistp word ptr [rsi+0x110]
    fld qword ptr [rsi]
    frndint

@snippet fistp_rc2
@undef c0 c2 c3
    fldcw word ptr [rsi+0x90+4]
    fld qword ptr [rsi+0x80]
    fistp dword ptr [rsi+0x100]
    fld qword ptr [rsi+0x88]
    fistp qword ptr [rsi+0x108]
    fld qword ptr [rsi+0x80]
    fistp word ptr [rsi+0x110]
    fld qword ptr [rsi]
    frndint

@snippet fistp_rc3
@undef c0 c2 c3
    fldcw word ptr [rsi+0x90+6]
    fld qword ptr [rsi+0x80]
    fistp dword ptr [rsi+0x100]
    fld qword ptr [rsi+0x88]
    fistp qword ptr [rsi+0x108]
    fld qword ptr [rsi+0x80]
    fistp word ptr [rsi+0x110]
    fld qword ptr [rsi]
    frndint

@snippet fistp_overflow_indefinite
@undef c0 c2 c3
    fld qword ptr [rsi+16]
    fistp dword ptr [rsi+0x100]
    fld qword ptr [rsi+16]
    fistp word ptr [rsi+0x104]
    fld qword ptr [rsi+16]
    fistp qword ptr [rsi+0x108]

@snippet fisttp_truncates
@undef c0 c2 c3
    fld qword ptr [rsi+0x88]
    fisttp dword ptr [rsi+0x100]
    fld qword ptr [rsi+0x80]
    fisttp qword ptr [rsi+0x108]
    fld qword ptr [rsi+8]
    fisttp word ptr [rsi+0x110]

@snippet fadd_st0_sti
@undef c0 c2 c3
    fld qword ptr [rsi]
    fld qword ptr [rsi+8]
    fadd st(0), st(1)

@snippet fadd_sti_st0
@undef c0 c2 c3
    fld qword ptr [rsi]
    fld qword ptr [rsi+8]
    fadd st(1), st(0)

@snippet faddp
@undef c0 c2 c3
    fld qword ptr [rsi+0x48]
    fld qword ptr [rsi+8]
    faddp st(1), st(0)

@snippet fadd_m64
@undef c0 c2 c3
    fld qword ptr [rsi+0x48]
    fadd qword ptr [rsi+24]

@snippet fadd_m32
@undef c0 c2 c3
    fld qword ptr [rsi]
    fadd dword ptr [rsi+0x20]

@snippet fiadd_m32_m16
@undef c0 c2 c3
    fld qword ptr [rsi]
    fiadd dword ptr [rsi+0x68]
    fiadd word ptr [rsi+0x60]

@snippet fadd_m80_precise
@undef c0 c2 c3
    fld tbyte ptr [rsi+0x40]
    fld tbyte ptr [rsi+0x50]
    fadd st(0), st(1)

@snippet fadd_random_m64
@undef c0 c2 c3
    fld qword ptr [rsi+0x300]
    fadd qword ptr [rsi+0x308]

@snippet fsub_st0_sti
@undef c0 c2 c3
    fld qword ptr [rsi]
    fld qword ptr [rsi+8]
    fsub st(0), st(1)

@snippet fsub_sti_st0
@undef c0 c2 c3
    fld qword ptr [rsi]
    fld qword ptr [rsi+8]
    fsub st(1), st(0)

@snippet fsubp
@undef c0 c2 c3
    fld qword ptr [rsi+0x48]
    fld qword ptr [rsi+8]
    fsubp st(1), st(0)

@snippet fsub_m64
@undef c0 c2 c3
    fld qword ptr [rsi+0x48]
    fsub qword ptr [rsi+24]

@snippet fsub_m32
@undef c0 c2 c3
    fld qword ptr [rsi]
    fsub dword ptr [rsi+0x20]

@snippet fisub_m32_m16
@undef c0 c2 c3
    fld qword ptr [rsi]
    fisub dword ptr [rsi+0x68]
    fisub word ptr [rsi+0x60]

@snippet fsub_m80_precise
@undef c0 c2 c3
    fld tbyte ptr [rsi+0x40]
    fld tbyte ptr [rsi+0x50]
    fsub st(0), st(1)

@snippet fsub_random_m64
@undef c0 c2 c3
    fld qword ptr [rsi+0x300]
    fsub qword ptr [rsi+0x308]

@snippet fsubr_st0_sti
@undef c0 c2 c3
    fld qword ptr [rsi]
    fld qword ptr [rsi+8]
    fsubr st(0), st(1)

@snippet fsubr_sti_st0
@undef c0 c2 c3
    fld qword ptr [rsi]
    fld qword ptr [rsi+8]
    fsubr st(1), st(0)

@snippet fsubrp
@undef c0 c2 c3
    fld qword ptr [rsi+0x48]
    fld qword ptr [rsi+8]
    fsubrp st(1), st(0)

@snippet fsubr_m64
@undef c0 c2 c3
    fld qword ptr [rsi+0x48]
    fsubr qword ptr [rsi+24]

@snippet fsubr_m32
@undef c0 c2 c3
    fld qword ptr [rsi]
    fsubr dword ptr [rsi+0x20]

@snippet fisubr_m32_m16
@undef c0 c2 c3
    fld qword ptr [rsi]
    fisubr dword ptr [rsi+0x68]
    fisubr word ptr [rsi+0x60]

@snippet fsubr_m80_precise
@undef c0 c2 c3
    fld tbyte ptr [rsi+0x40]
    fld tbyte ptr [rsi+0x50]
    fsubr st(0), st(1)

@snippet fsubr_random_m64
@undef c0 c2 c3
    fld qword ptr [rsi+0x300]
    fsubr qword ptr [rsi+0x308]

@snippet fmul_st0_sti
@undef c0 c2 c3
    fld qword ptr [rsi]
    fld qword ptr [rsi+8]
    fmul st(0), st(1)

@snippet fmul_sti_st0
@undef c0 c2 c3
    fld qword ptr [rsi]
    fld qword ptr [rsi+8]
    fmul st(1), st(0)

@snippet fmulp
@undef c0 c2 c3
    fld qword ptr [rsi+0x48]
    fld qword ptr [rsi+8]
    fmulp st(1), st(0)

@snippet fmul_m64
@undef c0 c2 c3
    fld qword ptr [rsi+0x48]
    fmul qword ptr [rsi+24]

@snippet fmul_m32
@undef c0 c2 c3
    fld qword ptr [rsi]
    fmul dword ptr [rsi+0x20]

@snippet fimul_m32_m16
@undef c0 c2 c3
    fld qword ptr [rsi]
    fimul dword ptr [rsi+0x68]
    fimul word ptr [rsi+0x60]

@snippet fmul_m80_precise
@undef c0 c2 c3
    fld tbyte ptr [rsi+0x40]
    fld tbyte ptr [rsi+0x50]
    fmul st(0), st(1)

@snippet fmul_random_m64
@undef c0 c2 c3
    fld qword ptr [rsi+0x300]
    fmul qword ptr [rsi+0x308]

@snippet fdiv_st0_sti
@undef c0 c2 c3
    fld qword ptr [rsi]
    fld qword ptr [rsi+8]
    fdiv st(0), st(1)

@snippet fdiv_sti_st0
@undef c0 c2 c3
    fld qword ptr [rsi]
    fld qword ptr [rsi+8]
    fdiv st(1), st(0)

@snippet fdivp
@undef c0 c2 c3
    fld qword ptr [rsi+0x48]
    fld qword ptr [rsi+8]
    fdivp st(1), st(0)

@snippet fdiv_m64
@undef c0 c2 c3
    fld qword ptr [rsi+0x48]
    fdiv qword ptr [rsi+24]

@snippet fdiv_m32
@undef c0 c2 c3
    fld qword ptr [rsi]
    fdiv dword ptr [rsi+0x20]

@snippet fidiv_m32_m16
@undef c0 c2 c3
    fld qword ptr [rsi]
    fidiv dword ptr [rsi+0x68]
    fidiv word ptr [rsi+0x60]

@snippet fdiv_m80_precise
@undef c0 c2 c3
    fld tbyte ptr [rsi+0x40]
    fld tbyte ptr [rsi+0x50]
    fdiv st(0), st(1)

@snippet fdiv_random_m64
@undef c0 c2 c3
    fld qword ptr [rsi+0x300]
    fdiv qword ptr [rsi+0x308]

@snippet fdivr_st0_sti
@undef c0 c2 c3
    fld qword ptr [rsi]
    fld qword ptr [rsi+8]
    fdivr st(0), st(1)

@snippet fdivr_sti_st0
@undef c0 c2 c3
    fld qword ptr [rsi]
    fld qword ptr [rsi+8]
    fdivr st(1), st(0)

@snippet fdivrp
@undef c0 c2 c3
    fld qword ptr [rsi+0x48]
    fld qword ptr [rsi+8]
    fdivrp st(1), st(0)

@snippet fdivr_m64
@undef c0 c2 c3
    fld qword ptr [rsi+0x48]
    fdivr qword ptr [rsi+24]

@snippet fdivr_m32
@undef c0 c2 c3
    fld qword ptr [rsi]
    fdivr dword ptr [rsi+0x20]

@snippet fidivr_m32_m16
@undef c0 c2 c3
    fld qword ptr [rsi]
    fidivr dword ptr [rsi+0x68]
    fidivr word ptr [rsi+0x60]

@snippet fdivr_m80_precise
@undef c0 c2 c3
    fld tbyte ptr [rsi+0x40]
    fld tbyte ptr [rsi+0x50]
    fdivr st(0), st(1)

@snippet fdivr_random_m64
@undef c0 c2 c3
    fld qword ptr [rsi+0x300]
    fdivr qword ptr [rsi+0x308]

@snippet fdiv_by_zero_masked
@undef c0 c2 c3
    fld1
    fldz
    fdivp st(1), st(0)

@snippet fsqrt_negative_nan
@undef c0 c2 c3
    fld qword ptr [rsi+8]
    fsqrt

@snippet fadd_inf_minus_inf
@undef c0 c2 c3
    fld qword ptr [rsi+0xa0]
    fld qword ptr [rsi+0xa8]
    faddp st(1), st(0)

@snippet fchs_values
@undef c0 c2 c3
    fld qword ptr [rsi+0x48]
    fchs
    fld qword ptr [rsi+8]
    fchs

@snippet fabs_values
@undef c0 c2 c3
    fld qword ptr [rsi+0x48]
    fabs
    fld qword ptr [rsi+8]
    fabs

@snippet fsqrt_values
@undef c0 c2 c3
    fld qword ptr [rsi+0x48]
    fsqrt
    fld qword ptr [rsi+8]
    fsqrt

@snippet frndint_values
@undef c0 c2 c3
    fld qword ptr [rsi+0x48]
    frndint
    fld qword ptr [rsi+8]
    frndint

@snippet fxtract_values
@undef c0 c2 c3
    fld qword ptr [rsi+0x48]
    fxtract
    fld qword ptr [rsi+8]
    fxtract

@snippet f2xm1_values
@undef c0 c2 c3
    fld qword ptr [rsi+0x48]
    f2xm1
    fld qword ptr [rsi+8]
    f2xm1

@snippet fsin_values
@undef c0 c2 c3
    fld qword ptr [rsi+0x48]
    fsin
    fld qword ptr [rsi+8]
    fsin

@snippet fcos_values
@undef c0 c2 c3
    fld qword ptr [rsi+0x48]
    fcos
    fld qword ptr [rsi+8]
    fcos

@snippet fptan_values
@undef c0 c2 c3
    fld qword ptr [rsi+0x48]
    fptan
    fld qword ptr [rsi+8]
    fptan

@snippet fsincos_values
@undef c0 c2 c3
    fld qword ptr [rsi+0x48]
    fsincos
    fld qword ptr [rsi+8]
    fsincos

@snippet fscale
@undef c0 c2 c3
    fld qword ptr [rsi+0x48]
    fld qword ptr [rsi]
    fscale

@snippet fprem_fprem1
@undef c1
    fld qword ptr [rsi+24]
    fld qword ptr [rsi+16]
    fprem
    fld qword ptr [rsi+24]
    fld qword ptr [rsi+16]
    fprem1

@snippet fyl2x
@undef c0 c2 c3
    fld qword ptr [rsi+0x48]
    fld qword ptr [rsi]
    fyl2x

@snippet fyl2xp1
@undef c0 c2 c3
    fld1
    fld qword ptr [rsi+0xb0]
    fyl2xp1

@snippet fpatan
@undef c0 c2 c3
    fld qword ptr [rsi]
    fld qword ptr [rsi+8]
    fpatan

@snippet constants
@undef c0 c2 c3
    fldz
    fld1
    fldpi
    fldl2e
    fldl2t
    fldlg2
    fldln2

@snippet fcom_lt
@init rax=0
@undef c1
    fld qword ptr [rsi+24]
    fld qword ptr [rsi]
    fcom st(1)
    fnstsw ax

@snippet fucomi_lt
@init flags=of,sf,af
@undef c1
    fld qword ptr [rsi+24]
    fld qword ptr [rsi]
    fucomi st(0), st(1)

@snippet fcomip_lt
@init flags=of,sf,af
@undef c1
    fld qword ptr [rsi+24]
    fld qword ptr [rsi]
    fcomip st(0), st(1)

@snippet fcompp_lt
@init rax=0
@undef c1
    fld qword ptr [rsi+24]
    fld qword ptr [rsi]
    fcompp
    fnstsw ax

@snippet fucom_m_lt
@init rax=0
@undef c1
    fld qword ptr [rsi]
    fcomp qword ptr [rsi+24]
    fnstsw ax
    sahf

@snippet fcom_gt
@init rax=0
@undef c1
    fld qword ptr [rsi]
    fld qword ptr [rsi+24]
    fcom st(1)
    fnstsw ax

@snippet fucomi_gt
@init flags=of,sf,af
@undef c1
    fld qword ptr [rsi]
    fld qword ptr [rsi+24]
    fucomi st(0), st(1)

@snippet fcomip_gt
@init flags=of,sf,af
@undef c1
    fld qword ptr [rsi]
    fld qword ptr [rsi+24]
    fcomip st(0), st(1)

@snippet fcompp_gt
@init rax=0
@undef c1
    fld qword ptr [rsi]
    fld qword ptr [rsi+24]
    fcompp
    fnstsw ax

@snippet fucom_m_gt
@init rax=0
@undef c1
    fld qword ptr [rsi+24]
    fcomp qword ptr [rsi]
    fnstsw ax
    sahf

@snippet fcom_eq
@init rax=0
@undef c1
    fld qword ptr [rsi]
    fld qword ptr [rsi]
    fcom st(1)
    fnstsw ax

@snippet fucomi_eq
@init flags=of,sf,af
@undef c1
    fld qword ptr [rsi]
    fld qword ptr [rsi]
    fucomi st(0), st(1)

@snippet fcomip_eq
@init flags=of,sf,af
@undef c1
    fld qword ptr [rsi]
    fld qword ptr [rsi]
    fcomip st(0), st(1)

@snippet fcompp_eq
@init rax=0
@undef c1
    fld qword ptr [rsi]
    fld qword ptr [rsi]
    fcompp
    fnstsw ax

@snippet fucom_m_eq
@init rax=0
@undef c1
    fld qword ptr [rsi]
    fcomp qword ptr [rsi]
    fnstsw ax
    sahf

@snippet fcom_nan
@init rax=0
@undef c1
    fld qword ptr [rsi+0xb8]
    fld qword ptr [rsi]
    fcom st(1)
    fnstsw ax

@snippet fucomi_nan
@init flags=of,sf,af
@undef c1
    fld qword ptr [rsi+0xb8]
    fld qword ptr [rsi]
    fucomi st(0), st(1)

@snippet fcomip_nan
@init flags=of,sf,af
@undef c1
    fld qword ptr [rsi+0xb8]
    fld qword ptr [rsi]
    fcomip st(0), st(1)

@snippet fcompp_nan
@init rax=0
@undef c1
    fld qword ptr [rsi+0xb8]
    fld qword ptr [rsi]
    fcompp
    fnstsw ax

@snippet fucom_m_nan
@init rax=0
@undef c1
    fld qword ptr [rsi]
    fcomp qword ptr [rsi+0xb8]
    fnstsw ax
    sahf

@snippet ftst_fxam
@init rax=0 rbx=0 rcx=0
@undef c1
    fld qword ptr [rsi+8]
    ftst
    fnstsw ax
    mov bx, ax
    fxam
    fnstsw ax
    fldz
    fxam
    fnstsw word ptr [rsi+0x124]

@snippet fxam_empty_and_special
@init rax=0 rbx=0 rcx=0 rdx=0
@undef none
    fxam
    fnstsw ax
    fld qword ptr [rsi+0xa0]
    fxam
    fnstsw word ptr [rsi+0x122]
    fld qword ptr [rsi+0xb8]
    fxam
    fnstsw word ptr [rsi+0x124]
    fld qword ptr [rsi+0xb0]
    fxam
    fnstsw word ptr [rsi+0x126]

@snippet fxch_ffree_fincstp
@undef c1 c0 c2 c3
    fld qword ptr [rsi]
    fld qword ptr [rsi+8]
    fld1
    fxch st(2)
    ffree st(1)
    fincstp
    fdecstp

@snippet fstsw_top_tracking
@init rax=0 rbx=0
@undef c0 c2 c3
    fld1
    fld1
    fld1
    fnstsw ax
    fstp st(0)
    fnstsw word ptr [rsi+0x122]

@snippet fnstcw_fldcw_precision_single
@undef c0 c2 c3
    fnstcw word ptr [rsi+0x100]
    fldcw word ptr [rsi+0x9c]
    fld1
    fld qword ptr [rsi+24]
    fdivp st(1), st(0)
    fstp tbyte ptr [rsi+0x110]

@snippet fldcw_precision_double
@undef c0 c2 c3
    fldcw word ptr [rsi+0x9e]
    fld1
    fld qword ptr [rsi+24]
    fdivp st(1), st(0)
    fstp tbyte ptr [rsi+0x110]

@snippet fninit_resets
@undef none
    fld1
    fld1
    fninit

@snippet fcmovb
@init flags=cf,pf
@undef c1 c0 c2 c3
    fld qword ptr [rsi]
    fld qword ptr [rsi+8]
    fcmovb st(0), st(1)

@snippet fcmove
@init flags=cf,pf
@undef c1 c0 c2 c3
    fld qword ptr [rsi]
    fld qword ptr [rsi+8]
    fcmove st(0), st(1)

@snippet fcmovbe
@init flags=cf,pf
@undef c1 c0 c2 c3
    fld qword ptr [rsi]
    fld qword ptr [rsi+8]
    fcmovbe st(0), st(1)

@snippet fcmovu
@init flags=cf,pf
@undef c1 c0 c2 c3
    fld qword ptr [rsi]
    fld qword ptr [rsi+8]
    fcmovu st(0), st(1)

@snippet fcmovnb
@init flags=cf,pf
@undef c1 c0 c2 c3
    fld qword ptr [rsi]
    fld qword ptr [rsi+8]
    fcmovnb st(0), st(1)

@snippet fcmovne
@init flags=cf,pf
@undef c1 c0 c2 c3
    fld qword ptr [rsi]
    fld qword ptr [rsi+8]
    fcmovne st(0), st(1)

@snippet fcmovnbe
@init flags=cf,pf
@undef c1 c0 c2 c3
    fld qword ptr [rsi]
    fld qword ptr [rsi+8]
    fcmovnbe st(0), st(1)

@snippet fcmovnu
@init flags=cf,pf
@undef c1 c0 c2 c3
    fld qword ptr [rsi]
    fld qword ptr [rsi+8]
    fcmovnu st(0), st(1)

@snippet x87_stack_overflow_masked
@undef c0 c2 c3
    fld1
    fld1
    fld1
    fld1
    fld1
    fld1
    fld1
    fld1
    fld1

@snippet x87_stack_underflow_masked
@undef c0 c2 c3
    fadd st(0), st(1)

@snippet fild_fistp_roundtrip_i64
@undef c0 c2 c3
    fild qword ptr [rsi+0x70]
    fistp qword ptr [rsi+0x100]
    fild qword ptr [rsi+0x78]
    fistp qword ptr [rsi+0x108]

@snippet long_double_printf_like
@undef c0 c2 c3
    fld tbyte ptr [rsi+0x40]
    fld st(0)
    fmul qword ptr [rsi+0xc0]
    fistp qword ptr [rsi+0x100]
    fild qword ptr [rsi+0x100]
    fsubp st(1), st(0)
    fmul qword ptr [rsi+0xc0]

@snippet fxsave_after_sse_and_x87
@init rsi=data
@undef c0 c2 c3
@norandom memory image includes whole registers
    addps xmm1, xmm2
    fld1
    fld qword ptr [rsi]
    fxsave [rsi+0x400]

@snippet fxrstor_then_fxsave
@init rsi=data
@undef none
    fxrstor [rsi+0x600]
    fxsave [rsi+0x400]
