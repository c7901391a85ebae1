# SSE/SSE2 floating point: arithmetic (scalar and packed, single and double) with NaNs,
# infinities, signed zeros and denormals; min/max operand order; sqrt; reciprocal estimates;
# logic; all CMPxx predicates; (U)COMISS/SD flags; every conversion with overflow (integer
# indefinite) and the four rounding modes; MXCSR exception flags, FTZ/DAZ; moves and masks.
@syntax intel
@undef none
@init rsi=data+0x40

@snippet addss_normal
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    addss xmm0, xmm1

@snippet addss_special
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    addss xmm2, xmm0
    addss xmm1, xmm3

@snippet addss_special_rev
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    addss xmm0, xmm2
    addss xmm3, xmm1

@snippet addss_mem
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
@mem 0x40 f32:2.5,-0.0,nan,7.0
@mem 0x50 f64:0.1,-3.5
    addss xmm0, dword ptr [rsi]

@snippet addps_normal
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    addps xmm0, xmm1

@snippet addps_special
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    addps xmm2, xmm0
    addps xmm1, xmm3

@snippet addps_special_rev
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    addps xmm0, xmm2
    addps xmm3, xmm1

@snippet addps_mem
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
@mem 0x40 f32:2.5,-0.0,nan,7.0
@mem 0x50 f64:0.1,-3.5
    addps xmm0, xmmword ptr [rsi]

@snippet addsd_normal
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    addsd xmm4, xmm5

@snippet addsd_special
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    addsd xmm6, xmm4
    addsd xmm5, xmm7

@snippet addsd_special_rev
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    addsd xmm4, xmm6
    addsd xmm7, xmm5

@snippet addsd_mem
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
@mem 0x40 f32:2.5,-0.0,nan,7.0
@mem 0x50 f64:0.1,-3.5
    addsd xmm4, qword ptr [rsi]

@snippet addpd_normal
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    addpd xmm4, xmm5

@snippet addpd_special
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    addpd xmm6, xmm4
    addpd xmm5, xmm7

@snippet addpd_special_rev
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    addpd xmm4, xmm6
    addpd xmm7, xmm5

@snippet addpd_mem
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
@mem 0x40 f32:2.5,-0.0,nan,7.0
@mem 0x50 f64:0.1,-3.5
    addpd xmm4, xmmword ptr [rsi]

@snippet subss_normal
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    subss xmm0, xmm1

@snippet subss_special
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    subss xmm2, xmm0
    subss xmm1, xmm3

@snippet subss_special_rev
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    subss xmm0, xmm2
    subss xmm3, xmm1

@snippet subss_mem
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
@mem 0x40 f32:2.5,-0.0,nan,7.0
@mem 0x50 f64:0.1,-3.5
    subss xmm0, dword ptr [rsi]

@snippet subps_normal
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    subps xmm0, xmm1

@snippet subps_special
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    subps xmm2, xmm0
    subps xmm1, xmm3

@snippet subps_special_rev
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    subps xmm0, xmm2
    subps xmm3, xmm1

@snippet subps_mem
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
@mem 0x40 f32:2.5,-0.0,nan,7.0
@mem 0x50 f64:0.1,-3.5
    subps xmm0, xmmword ptr [rsi]

@snippet subsd_normal
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    subsd xmm4, xmm5

@snippet subsd_special
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    subsd xmm6, xmm4
    subsd xmm5, xmm7

@snippet subsd_special_rev
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    subsd xmm4, xmm6
    subsd xmm7, xmm5

@snippet subsd_mem
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
@mem 0x40 f32:2.5,-0.0,nan,7.0
@mem 0x50 f64:0.1,-3.5
    subsd xmm4, qword ptr [rsi]

@snippet subpd_normal
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    subpd xmm4, xmm5

@snippet subpd_special
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    subpd xmm6, xmm4
    subpd xmm5, xmm7

@snippet subpd_special_rev
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    subpd xmm4, xmm6
    subpd xmm7, xmm5

@snippet subpd_mem
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
@mem 0x40 f32:2.5,-0.0,nan,7.0
@mem 0x50 f64:0.1,-3.5
    subpd xmm4, xmmword ptr [rsi]

@snippet mulss_normal
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    mulss xmm0, xmm1

@snippet mulss_special
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    mulss xmm2, xmm0
    mulss xmm1, xmm3

@snippet mulss_special_rev
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    mulss xmm0, xmm2
    mulss xmm3, xmm1

@snippet mulss_mem
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
@mem 0x40 f32:2.5,-0.0,nan,7.0
@mem 0x50 f64:0.1,-3.5
    mulss xmm0, dword ptr [rsi]

@snippet mulps_normal
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    mulps xmm0, xmm1

@snippet mulps_special
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    mulps xmm2, xmm0
    mulps xmm1, xmm3

@snippet mulps_special_rev
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    mulps xmm0, xmm2
    mulps xmm3, xmm1

@snippet mulps_mem
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
@mem 0x40 f32:2.5,-0.0,nan,7.0
@mem 0x50 f64:0.1,-3.5
    mulps xmm0, xmmword ptr [rsi]

@snippet mulsd_normal
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    mulsd xmm4, xmm5

@snippet mulsd_special
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    mulsd xmm6, xmm4
    mulsd xmm5, xmm7

@snippet mulsd_special_rev
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    mulsd xmm4, xmm6
    mulsd xmm7, xmm5

@snippet mulsd_mem
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
@mem 0x40 f32:2.5,-0.0,nan,7.0
@mem 0x50 f64:0.1,-3.5
    mulsd xmm4, qword ptr [rsi]

@snippet mulpd_normal
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    mulpd xmm4, xmm5

@snippet mulpd_special
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    mulpd xmm6, xmm4
    mulpd xmm5, xmm7

@snippet mulpd_special_rev
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    mulpd xmm4, xmm6
    mulpd xmm7, xmm5

@snippet mulpd_mem
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
@mem 0x40 f32:2.5,-0.0,nan,7.0
@mem 0x50 f64:0.1,-3.5
    mulpd xmm4, xmmword ptr [rsi]

@snippet divss_normal
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    divss xmm0, xmm1

@snippet divss_special
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    divss xmm2, xmm0
    divss xmm1, xmm3

@snippet divss_special_rev
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    divss xmm0, xmm2
    divss xmm3, xmm1

@snippet divss_mem
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
@mem 0x40 f32:2.5,-0.0,nan,7.0
@mem 0x50 f64:0.1,-3.5
    divss xmm0, dword ptr [rsi]

@snippet divps_normal
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    divps xmm0, xmm1

@snippet divps_special
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    divps xmm2, xmm0
    divps xmm1, xmm3

@snippet divps_special_rev
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    divps xmm0, xmm2
    divps xmm3, xmm1

@snippet divps_mem
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
@mem 0x40 f32:2.5,-0.0,nan,7.0
@mem 0x50 f64:0.1,-3.5
    divps xmm0, xmmword ptr [rsi]

@snippet divsd_normal
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    divsd xmm4, xmm5

@snippet divsd_special
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    divsd xmm6, xmm4
    divsd xmm5, xmm7

@snippet divsd_special_rev
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    divsd xmm4, xmm6
    divsd xmm7, xmm5

@snippet divsd_mem
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
@mem 0x40 f32:2.5,-0.0,nan,7.0
@mem 0x50 f64:0.1,-3.5
    divsd xmm4, qword ptr [rsi]

@snippet divpd_normal
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    divpd xmm4, xmm5

@snippet divpd_special
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    divpd xmm6, xmm4
    divpd xmm5, xmm7

@snippet divpd_special_rev
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    divpd xmm4, xmm6
    divpd xmm7, xmm5

@snippet divpd_mem
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
@mem 0x40 f32:2.5,-0.0,nan,7.0
@mem 0x50 f64:0.1,-3.5
    divpd xmm4, xmmword ptr [rsi]

@snippet minss_normal
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    minss xmm0, xmm1

@snippet minss_special
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    minss xmm2, xmm0
    minss xmm1, xmm3

@snippet minss_special_rev
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    minss xmm0, xmm2
    minss xmm3, xmm1

@snippet minss_mem
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
@mem 0x40 f32:2.5,-0.0,nan,7.0
@mem 0x50 f64:0.1,-3.5
    minss xmm0, dword ptr [rsi]

@snippet minps_normal
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    minps xmm0, xmm1

@snippet minps_special
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    minps xmm2, xmm0
    minps xmm1, xmm3

@snippet minps_special_rev
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    minps xmm0, xmm2
    minps xmm3, xmm1

@snippet minps_mem
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
@mem 0x40 f32:2.5,-0.0,nan,7.0
@mem 0x50 f64:0.1,-3.5
    minps xmm0, xmmword ptr [rsi]

@snippet minsd_normal
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    minsd xmm4, xmm5

@snippet minsd_special
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    minsd xmm6, xmm4
    minsd xmm5, xmm7

@snippet minsd_special_rev
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    minsd xmm4, xmm6
    minsd xmm7, xmm5

@snippet minsd_mem
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
@mem 0x40 f32:2.5,-0.0,nan,7.0
@mem 0x50 f64:0.1,-3.5
    minsd xmm4, qword ptr [rsi]

@snippet minpd_normal
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    minpd xmm4, xmm5

@snippet minpd_special
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    minpd xmm6, xmm4
    minpd xmm5, xmm7

@snippet minpd_special_rev
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    minpd xmm4, xmm6
    minpd xmm7, xmm5

@snippet minpd_mem
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
@mem 0x40 f32:2.5,-0.0,nan,7.0
@mem 0x50 f64:0.1,-3.5
    minpd xmm4, xmmword ptr [rsi]

@snippet maxss_normal
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    maxss xmm0, xmm1

@snippet maxss_special
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    maxss xmm2, xmm0
    maxss xmm1, xmm3

@snippet maxss_special_rev
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    maxss xmm0, xmm2
    maxss xmm3, xmm1

@snippet maxss_mem
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
@mem 0x40 f32:2.5,-0.0,nan,7.0
@mem 0x50 f64:0.1,-3.5
    maxss xmm0, dword ptr [rsi]

@snippet maxps_normal
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    maxps xmm0, xmm1

@snippet maxps_special
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    maxps xmm2, xmm0
    maxps xmm1, xmm3

@snippet maxps_special_rev
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    maxps xmm0, xmm2
    maxps xmm3, xmm1

@snippet maxps_mem
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
@mem 0x40 f32:2.5,-0.0,nan,7.0
@mem 0x50 f64:0.1,-3.5
    maxps xmm0, xmmword ptr [rsi]

@snippet maxsd_normal
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    maxsd xmm4, xmm5

@snippet maxsd_special
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    maxsd xmm6, xmm4
    maxsd xmm5, xmm7

@snippet maxsd_special_rev
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    maxsd xmm4, xmm6
    maxsd xmm7, xmm5

@snippet maxsd_mem
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
@mem 0x40 f32:2.5,-0.0,nan,7.0
@mem 0x50 f64:0.1,-3.5
    maxsd xmm4, qword ptr [rsi]

@snippet maxpd_normal
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    maxpd xmm4, xmm5

@snippet maxpd_special
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    maxpd xmm6, xmm4
    maxpd xmm5, xmm7

@snippet maxpd_special_rev
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    maxpd xmm4, xmm6
    maxpd xmm7, xmm5

@snippet maxpd_mem
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
@mem 0x40 f32:2.5,-0.0,nan,7.0
@mem 0x50 f64:0.1,-3.5
    maxpd xmm4, xmmword ptr [rsi]

@snippet sqrtss_all
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    sqrtss xmm8, xmm0
    sqrtss xmm9, xmm2
    sqrtss xmm10, xmm3

@snippet sqrtps_all
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    sqrtps xmm8, xmm0
    sqrtps xmm9, xmm2
    sqrtps xmm10, xmm3

@snippet sqrtsd_all
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    sqrtsd xmm8, xmm4
    sqrtsd xmm9, xmm6
    sqrtsd xmm10, xmm7

@snippet sqrtpd_all
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    sqrtpd xmm8, xmm4
    sqrtpd xmm9, xmm6
    sqrtpd xmm10, xmm7

@snippet rcpss_all
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    rcpss xmm8, xmm0
    rcpss xmm9, xmm1
    rcpss xmm10, xmm3

@snippet rcpps_all
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    rcpps xmm8, xmm0
    rcpps xmm9, xmm1
    rcpps xmm10, xmm3

@snippet rsqrtss_all
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    rsqrtss xmm8, xmm0
    rsqrtss xmm9, xmm1
    rsqrtss xmm10, xmm3

@snippet rsqrtps_all
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    rsqrtps xmm8, xmm0
    rsqrtps xmm9, xmm1
    rsqrtps xmm10, xmm3

@snippet andps_xmm
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    andps xmm0, xmm2
    andps xmm4, xmm7

@snippet andnps_xmm
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    andnps xmm0, xmm2
    andnps xmm4, xmm7

@snippet orps_xmm
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    orps xmm0, xmm2
    orps xmm4, xmm7

@snippet xorps_xmm
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    xorps xmm0, xmm2
    xorps xmm4, xmm7

@snippet andpd_xmm
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    andpd xmm0, xmm2
    andpd xmm4, xmm7

@snippet andnpd_xmm
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    andnpd xmm0, xmm2
    andnpd xmm4, xmm7

@snippet orpd_xmm
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    orpd xmm0, xmm2
    orpd xmm4, xmm7

@snippet xorpd_xmm
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    xorpd xmm0, xmm2
    xorpd xmm4, xmm7

@snippet cmpss_pred0
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    cmpss xmm0, xmm2, 0
    cmpss xmm3, xmm1, 0

@snippet cmpss_pred1
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    cmpss xmm0, xmm2, 1
    cmpss xmm3, xmm1, 1

@snippet cmpss_pred2
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    cmpss xmm0, xmm2, 2
    cmpss xmm3, xmm1, 2

@snippet cmpss_pred3
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    cmpss xmm0, xmm2, 3
    cmpss xmm3, xmm1, 3

@snippet cmpss_pred4
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    cmpss xmm0, xmm2, 4
    cmpss xmm3, xmm1, 4

@snippet cmpss_pred5
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    cmpss xmm0, xmm2, 5
    cmpss xmm3, xmm1, 5

@snippet cmpss_pred6
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    cmpss xmm0, xmm2, 6
    cmpss xmm3, xmm1, 6

@snippet cmpss_pred7
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    cmpss xmm0, xmm2, 7
    cmpss xmm3, xmm1, 7

@snippet cmpps_pred0
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    cmpps xmm0, xmm2, 0
    cmpps xmm3, xmm1, 0

@snippet cmpps_pred1
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    cmpps xmm0, xmm2, 1
    cmpps xmm3, xmm1, 1

@snippet cmpps_pred2
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    cmpps xmm0, xmm2, 2
    cmpps xmm3, xmm1, 2

@snippet cmpps_pred3
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    cmpps xmm0, xmm2, 3
    cmpps xmm3, xmm1, 3

@snippet cmpps_pred4
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    cmpps xmm0, xmm2, 4
    cmpps xmm3, xmm1, 4

@snippet cmpps_pred5
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    cmpps xmm0, xmm2, 5
    cmpps xmm3, xmm1, 5

@snippet cmpps_pred6
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    cmpps xmm0, xmm2, 6
    cmpps xmm3, xmm1, 6

@snippet cmpps_pred7
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    cmpps xmm0, xmm2, 7
    cmpps xmm3, xmm1, 7

@snippet cmpsd_pred0
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    cmpsd xmm4, xmm6, 0
    cmpsd xmm7, xmm5, 0

@snippet cmpsd_pred1
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    cmpsd xmm4, xmm6, 1
    cmpsd xmm7, xmm5, 1

@snippet cmpsd_pred2
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    cmpsd xmm4, xmm6, 2
    cmpsd xmm7, xmm5, 2

@snippet cmpsd_pred3
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    cmpsd xmm4, xmm6, 3
    cmpsd xmm7, xmm5, 3

@snippet cmpsd_pred4
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    cmpsd xmm4, xmm6, 4
    cmpsd xmm7, xmm5, 4

@snippet cmpsd_pred5
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    cmpsd xmm4, xmm6, 5
    cmpsd xmm7, xmm5, 5

@snippet cmpsd_pred6
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    cmpsd xmm4, xmm6, 6
    cmpsd xmm7, xmm5, 6

@snippet cmpsd_pred7
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    cmpsd xmm4, xmm6, 7
    cmpsd xmm7, xmm5, 7

@snippet cmppd_pred0
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    cmppd xmm4, xmm6, 0
    cmppd xmm7, xmm5, 0

@snippet cmppd_pred1
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    cmppd xmm4, xmm6, 1
    cmppd xmm7, xmm5, 1

@snippet cmppd_pred2
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    cmppd xmm4, xmm6, 2
    cmppd xmm7, xmm5, 2

@snippet cmppd_pred3
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    cmppd xmm4, xmm6, 3
    cmppd xmm7, xmm5, 3

@snippet cmppd_pred4
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    cmppd xmm4, xmm6, 4
    cmppd xmm7, xmm5, 4

@snippet cmppd_pred5
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    cmppd xmm4, xmm6, 5
    cmppd xmm7, xmm5, 5

@snippet cmppd_pred6
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    cmppd xmm4, xmm6, 6
    cmppd xmm7, xmm5, 6

@snippet cmppd_pred7
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    cmppd xmm4, xmm6, 7
    cmppd xmm7, xmm5, 7

@snippet comiss_lt
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0 flags=of,sf,af
    comiss xmm0, xmm1

@snippet comiss_gt
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0 flags=of,sf,af
    comiss xmm1, xmm0

@snippet comiss_nan
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0 flags=of,sf,af
    comiss xmm0, xmm2

@snippet comiss_eq
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0 flags=of,sf,af
    comiss xmm0, xmm0

@snippet ucomiss_lt
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0 flags=of,sf,af
    ucomiss xmm0, xmm2

@snippet ucomiss_gt
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0 flags=of,sf,af
    ucomiss xmm2, xmm0

@snippet ucomiss_nan
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0 flags=of,sf,af
    ucomiss xmm0, xmm2

@snippet ucomiss_eq
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0 flags=of,sf,af
    ucomiss xmm0, xmm0

@snippet comisd_lt
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0 flags=of,sf,af
    comisd xmm4, xmm5

@snippet comisd_gt
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0 flags=of,sf,af
    comisd xmm5, xmm4

@snippet comisd_nan
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0 flags=of,sf,af
    comisd xmm4, xmm5

@snippet comisd_eq
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0 flags=of,sf,af
    comisd xmm4, xmm4

@snippet ucomisd_lt
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0 flags=of,sf,af
    ucomisd xmm4, xmm6

@snippet ucomisd_gt
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0 flags=of,sf,af
    ucomisd xmm6, xmm4

@snippet ucomisd_nan
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0 flags=of,sf,af
    ucomisd xmm4, xmm6

@snippet ucomisd_eq
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0 flags=of,sf,af
    ucomisd xmm4, xmm4

@snippet ucomiss_unordered
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0 flags=of,sf,af
    ucomiss xmm0, xmm2

@snippet comisd_unordered
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0 flags=of,sf,af
    comisd xmm6, xmm4

@snippet ucomisd_neg_zero_equal
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0 xmm9=f64:-0.0,0.0 flags=cf
    ucomisd xmm7, xmm9

@snippet cvtsi2ss_r32
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0 rax=0x7fffffff rbx=0xfffffff0
@mem 0x40 f32:2.5,-0.0,nan,7.0
@mem 0x50 f64:0.1,-3.5
    cvtsi2ss xmm8, eax
    cvtsi2ss xmm9, ebx

@snippet cvtsi2ss_r64
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0 rax=0x7fffffffffffffff rbx=0x8000000000000001
@mem 0x40 f32:2.5,-0.0,nan,7.0
@mem 0x50 f64:0.1,-3.5
    cvtsi2ss xmm8, rax
    cvtsi2ss xmm9, rbx

@snippet cvtsi2sd_r32
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0 rax=0x80000000
@mem 0x40 f32:2.5,-0.0,nan,7.0
@mem 0x50 f64:0.1,-3.5
    cvtsi2sd xmm8, eax
    cvtsi2sd xmm9, dword ptr [rsi]

@snippet cvtsi2sd_r64
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0 rax=0x7fffffffffffffff rbx=0x0020000000000001
@mem 0x40 f32:2.5,-0.0,nan,7.0
@mem 0x50 f64:0.1,-3.5
    cvtsi2sd xmm8, rax
    cvtsi2sd xmm9, rbx

@snippet cvtss2sd
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0 
@mem 0x40 f32:2.5,-0.0,nan,7.0
@mem 0x50 f64:0.1,-3.5
    cvtss2sd xmm8, xmm0
    cvtss2sd xmm9, xmm2
    cvtss2sd xmm10, xmm3

@snippet cvtsd2ss
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0 
@mem 0x40 f32:2.5,-0.0,nan,7.0
@mem 0x50 f64:0.1,-3.5
    cvtsd2ss xmm8, xmm4
    cvtsd2ss xmm9, xmm6
    cvtsd2ss xmm10, xmm5

@snippet cvttss2si_r32
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0 
@mem 0x40 f32:2.5,-0.0,nan,7.0
@mem 0x50 f64:0.1,-3.5
    cvttss2si eax, xmm0
    cvttss2si ebx, xmm2
    cvttss2si ecx, xmm1

@snippet cvttss2si_r64
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0 
@mem 0x40 f32:2.5,-0.0,nan,7.0
@mem 0x50 f64:0.1,-3.5
    cvttss2si rax, xmm0
    cvttss2si rbx, xmm2
    cvttss2si rcx, xmm3

@snippet cvtss2si_r32
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0 
@mem 0x40 f32:2.5,-0.0,nan,7.0
@mem 0x50 f64:0.1,-3.5
    cvtss2si eax, xmm0
    cvtss2si ebx, xmm1

@snippet cvttsd2si_r32
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0 
@mem 0x40 f32:2.5,-0.0,nan,7.0
@mem 0x50 f64:0.1,-3.5
    cvttsd2si eax, xmm4
    cvttsd2si ebx, xmm6
    cvttsd2si ecx, xmm5

@snippet cvttsd2si_r64
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0 
@mem 0x40 f32:2.5,-0.0,nan,7.0
@mem 0x50 f64:0.1,-3.5
    cvttsd2si rax, xmm4
    cvttsd2si rbx, xmm5
    cvttsd2si rcx, xmm7

@snippet cvtsd2si_r64
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0 xmm8=f64:2.5,0
@mem 0x40 f32:2.5,-0.0,nan,7.0
@mem 0x50 f64:0.1,-3.5
    cvtsd2si rax, xmm4
    cvtsd2si rbx, xmm8

@snippet cvtdq2ps
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0 xmm10=u32:0x7fffffff,0x80000000,1,0xffffff01
@mem 0x40 f32:2.5,-0.0,nan,7.0
@mem 0x50 f64:0.1,-3.5
    cvtdq2ps xmm8, xmm10

@snippet cvtps2dq
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0 xmm11=f32:0.5,1.5,2.5,-2.5
@mem 0x40 f32:2.5,-0.0,nan,7.0
@mem 0x50 f64:0.1,-3.5
    cvtps2dq xmm8, xmm0
    cvtps2dq xmm9, xmm2
    cvtps2dq xmm10, xmm11

@snippet cvttps2dq
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0 xmm11=f32:0.5,1.5,2.5,-2.5
@mem 0x40 f32:2.5,-0.0,nan,7.0
@mem 0x50 f64:0.1,-3.5
    cvttps2dq xmm8, xmm0
    cvttps2dq xmm9, xmm2
    cvttps2dq xmm10, xmm11

@snippet cvtdq2pd
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0 xmm10=u32:0x7fffffff,0x80000000,1,0xffffff01
@mem 0x40 f32:2.5,-0.0,nan,7.0
@mem 0x50 f64:0.1,-3.5
    cvtdq2pd xmm8, xmm10

@snippet cvtpd2dq
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0 xmm11=f64:2.5,-3.5
@mem 0x40 f32:2.5,-0.0,nan,7.0
@mem 0x50 f64:0.1,-3.5
    cvtpd2dq xmm8, xmm4
    cvtpd2dq xmm9, xmm11

@snippet cvttpd2dq
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0 
@mem 0x40 f32:2.5,-0.0,nan,7.0
@mem 0x50 f64:0.1,-3.5
    cvttpd2dq xmm8, xmm4
    cvttpd2dq xmm9, xmm6

@snippet cvtps2pd
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0 
@mem 0x40 f32:2.5,-0.0,nan,7.0
@mem 0x50 f64:0.1,-3.5
    cvtps2pd xmm8, xmm0
    cvtps2pd xmm9, xmm2

@snippet cvtpd2ps
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0 
@mem 0x40 f32:2.5,-0.0,nan,7.0
@mem 0x50 f64:0.1,-3.5
    cvtpd2ps xmm8, xmm4
    cvtpd2ps xmm9, xmm6

@snippet rounding_rc0
@init mxcsr=0x1f80 xmm8=f64:-2.5,0 xmm11=f32:0.5,1.5,-2.5,-0.5 xmm10=f64:1.0,0 xmm12=f64:1e-17,0 xmm14=f64:0.1,0
    cvtsd2si rax, xmm8
    cvtps2dq xmm9, xmm11
    addsd xmm10, xmm12
    cvtsd2ss xmm13, xmm14
    sqrtsd xmm15, xmm12

@snippet ldmxcsr_rc0
@init xmm8=f64:-2.5,0
@mem 0x40 u32:0x1f80
    ldmxcsr dword ptr [rsi]
    cvtsd2si rax, xmm8
    stmxcsr dword ptr [rsi+4]

@snippet rounding_rc1
@init mxcsr=0x3f80 xmm8=f64:-2.5,0 xmm11=f32:0.5,1.5,-2.5,-0.5 xmm10=f64:1.0,0 xmm12=f64:1e-17,0 xmm14=f64:0.1,0
    cvtsd2si rax, xmm8
    cvtps2dq xmm9, xmm11
    addsd xmm10, xmm12
    cvtsd2ss xmm13, xmm14
    sqrtsd xmm15, xmm12

@snippet ldmxcsr_rc1
@init xmm8=f64:-2.5,0
@mem 0x40 u32:0x3f80
    ldmxcsr dword ptr [rsi]
    cvtsd2si rax, xmm8
    stmxcsr dword ptr [rsi+4]

@snippet rounding_rc2
@init mxcsr=0x5f80 xmm8=f64:-2.5,0 xmm11=f32:0.5,1.5,-2.5,-0.5 xmm10=f64:1.0,0 xmm12=f64:1e-17,0 xmm14=f64:0.1,0
    cvtsd2si rax, xmm8
    cvtps2dq xmm9, xmm11
    addsd xmm10, xmm12
    cvtsd2ss xmm13, xmm14
    sqrtsd xmm15, xmm12

@snippet ldmxcsr_rc2
@init xmm8=f64:-2.5,0
@mem 0x40 u32:0x5f80
    ldmxcsr dword ptr [rsi]
    cvtsd2si rax, xmm8
    stmxcsr dword ptr [rsi+4]

@snippet rounding_rc3
@init mxcsr=0x7f80 xmm8=f64:-2.5,0 xmm11=f32:0.5,1.5,-2.5,-0.5 xmm10=f64:1.0,0 xmm12=f64:1e-17,0 xmm14=f64:0.1,0
    cvtsd2si rax, xmm8
    cvtps2dq xmm9, xmm11
    addsd xmm10, xmm12
    cvtsd2ss xmm13, xmm14
    sqrtsd xmm15, xmm12

@snippet ldmxcsr_rc3
@init xmm8=f64:-2.5,0
@mem 0x40 u32:0x7f80
    ldmxcsr dword ptr [rsi]
    cvtsd2si rax, xmm8
    stmxcsr dword ptr [rsi+4]

@snippet mxcsr_flags_accumulate
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
@rand mxcsr
    divss xmm0, xmm3
    sqrtss xmm9, xmm2
    addss xmm1, xmm0
    stmxcsr dword ptr [rsi]

@snippet mxcsr_ftz_daz
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0 mxcsr=0x9fc0 xmm11=f32:1e-30,1,1,1
    mulss xmm2, xmm11
    addsd xmm6, xmm6

@snippet movss_movsd_forms
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    movss xmm8, xmm0
    movss xmm9, dword ptr [rsi]
    movss dword ptr [rsi+8], xmm1
    movsd xmm10, xmm4
    movsd xmm11, qword ptr [rsi]
    movsd qword ptr [rsi+16], xmm5

@snippet movaps_movups_movapd
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    movaps xmm8, xmm0
    movups xmm9, xmmword ptr [rsi+4]
    movapd xmmword ptr [rsi+0x20], xmm4
    movupd xmm10, xmmword ptr [rsi+0x20]

@snippet movhps_movlps_movhpd_movlpd
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    movhps xmm0, qword ptr [rsi]
    movlps xmm1, qword ptr [rsi+8]
    movhpd qword ptr [rsi+0x18], xmm4
    movlpd xmm5, qword ptr [rsi]

@snippet movlhps_movhlps
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    movlhps xmm0, xmm1
    movhlps xmm2, xmm3

@snippet movmskps_movmskpd
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    movmskps eax, xmm3
    movmskpd ebx, xmm7
    movmskps ecx, xmm2

@snippet scalar_dependency_chain
@init xmm0=f32:1.5,-2.25,1e30,3.0 xmm1=f32:0.5,4.0,1e10,-0.0 xmm2=f32:nan,inf,-inf,1e-40 xmm3=f32:-nan,0.0,-1e-40,3.4e38 xmm4=f64:1.5,-1e300 xmm5=f64:3.0,1e100 xmm6=f64:nan,1e-310 xmm7=f64:-inf,-0.0
    mulsd xmm4, xmm5
    addsd xmm4, xmm4
    divsd xmm4, xmm5
    subsd xmm4, xmm5

# Runs of SSE arithmetic are checked for an invalid operation once per run, and replayed in the
# interpreter when one happened: NaNs made inside a run, signalling NaN operands, and a run whose
# later members read an earlier member's NaN.
@snippet fp_run_default_nan
@init xmm0=f64:inf,2.0 xmm1=f64:inf,3.0 xmm2=f64:1.5,-4.0 xmm3=f64:2.0,0.5 xmm4=f64:-inf,1.0
    subsd xmm0, xmm1
    mulsd xmm0, xmm2
    addpd xmm2, xmm3
    mulpd xmm3, xmm4
    addsd xmm0, xmm3

@snippet fp_run_signalling_nan
@init xmm0=u64:0x7ff4000000000001,0x3ff0000000000000 xmm1=f64:-nan,2.0 xmm2=f64:1.5,-4.0 xmm3=u64:0xfff0000000000002,0x4000000000000000
    addsd xmm1, xmm0
    mulpd xmm2, xmm3
    subpd xmm2, xmm1
    divsd xmm1, xmm2

@snippet fp_run_with_loads
@init xmm0=f64:1.0,2.0 xmm1=f64:3.0,4.0
@mem 0x40 f64:inf,0.5
@mem 0x50 f64:-inf,8.0
    mulsd xmm0, qword ptr [rsi]
    addsd xmm0, qword ptr [rsi+0x10]
    movapd xmm2, xmmword ptr [rsi]
    mulpd xmm2, xmm1
    addpd xmm1, xmm2

@snippet fp_run_whole_loads
@init xmm1=f64:1.0,-2.0 xmm4=f64:0.0,3.0 xmm5=f64:7.0,7.0
@mem 0x40 f64:inf,0.5
    movapd xmm3, xmmword ptr [rsi]
    mulpd xmm3, xmm4
    mulpd xmm4, xmm3
    movapd xmm5, xmm4
    addpd xmm5, xmm1

@snippet fp_run_read_before_load
@init xmm1=f64:inf,2.0 xmm2=f64:0.0,-1.0
@mem 0x40 f64:5.0,-inf
    mulpd xmm1, xmm2
    movapd xmm2, xmmword ptr [rsi]
    addpd xmm2, xmm1
    mulsd xmm2, xmm1

# Scalar results whose upper half is overwritten later in the block are written as plain scalars
@snippet fp_run_dead_upper
@init xmm0=f64:1.5,9.0 xmm1=f64:2.0,-3.0 xmm2=f64:0.25,7.0
@mem 0x40 f64:3.0,4.0
    mulsd xmm0, xmm1
    addsd xmm0, xmm2
    mulpd xmm1, xmm2
    movsd xmm0, qword ptr [rsi]
    addpd xmm0, xmm1

@snippet fp_run_dead_upper_nan
@init xmm0=f64:0.0,9.0 xmm1=f64:inf,-3.0 xmm2=f64:0.25,7.0
@mem 0x40 f64:3.0,4.0
    mulsd xmm0, xmm1
    addsd xmm0, xmm2
    mulpd xmm1, xmm2
    movsd xmm0, qword ptr [rsi]
    addpd xmm0, xmm1

# Register moves fused into packed arithmetic inside a run, with and without a replay
@snippet fp_run_fused_moves
@init xmm0=f64:1.5,-2.0 xmm2=f64:4.0,0.5 xmm4=f64:3.0,3.0
    movapd xmm1, xmm0
    mulpd xmm1, xmm2
    movapd xmm3, xmm1
    addpd xmm3, xmm3
    movapd xmm5, xmm3
    unpckhpd xmm5, xmm4
    mulsd xmm5, xmm2

@snippet fp_run_fused_moves_nan
@init xmm0=f64:inf,-2.0 xmm2=f64:0.0,0.5 xmm4=f64:3.0,3.0
    movapd xmm1, xmm0
    mulpd xmm1, xmm2
    movapd xmm3, xmm1
    addpd xmm3, xmm3
    movapd xmm5, xmm3
    unpckhpd xmm5, xmm4
    mulsd xmm5, xmm2
