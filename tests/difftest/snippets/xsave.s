# XSAVE family on the translator's CPU: XCR0 = x87 | SSE (CPUID leaf 0xD: 576-byte standard
# area), XSAVE/XSAVEOPT with every requested-feature bitmap, XRSTOR of saved, partial and initial
# (XSTATE_BV = 0) state. Only bitmaps within XCR0 = 3 are used: the host has more state
# components (AVX, AVX-512), so wider requests and XGETBV are not comparable natively (unit tests
# in xlate/src/interp/xsave.rs cover them). The area at data+0x800 is 64-byte aligned; its header at
# data+0xa00 is pinned (random header bytes would make XRSTOR fault). Bytes 416..511 of the
# legacy region must stay untouched. C0/C2/C3 after fld and AF after xor are undefined. SSE state
# is changed with integer operations (pxor), so that no MXCSR exception flag depends on the
# random XMM values.
# MXCSR_MASK (bytes 28..31) is not comparable: this host is an AMD CPU (0x0002FFFF, MXCSR bit 17
# "MM" writable) and the translator presents an Intel CPU (0x0000FFFF), so every snippet that
# saves SSE state clears those 4 bytes at the end (fxsave_after_sse_and_x87 in x87.s keeps them and
# is a known failure for that reason).
@syntax intel
@init rsi=data
@undef af c0 c2 c3

@snippet xsave_xrstor_x87_sse
@mem 0xa00 u64:0,0,0,0,0,0,0,0
    mov eax, 3
    xor edx, edx
    fld1
    pxor xmm1, xmm2
    xsave [rsi+0x800]
    fldz
    xorps xmm1, xmm1
    xrstor [rsi+0x800]
    mov dword ptr [rsi+0x81c], 0

@snippet xsave_x87_only
@mem 0xa00 u64:0,0,0,0,0,0,0,0
    mov eax, 1
    xor edx, edx
    fldl2t
    xsave64 [rsi+0x800]

@snippet xsave_sse_only
@mem 0xa00 u64:0,0,0,0,0,0,0,0
    mov eax, 2
    xor edx, edx
    fldl2t
    xsave64 [rsi+0x800]
    mov dword ptr [rsi+0x81c], 0

@snippet xsave_nothing_requested_keeps_header
@mem 0xa00 u64:0x0,0,0,0,0,0,0,0
    xor eax, eax
    xor edx, edx
    xsave64 [rsi+0x800]

@snippet xsaveopt_x87_sse
@mem 0xa00 u64:0,0,0,0,0,0,0,0
    mov eax, 3
    xor edx, edx
    fld1
    pxor xmm2, xmm5
    xsaveopt64 [rsi+0x800]
    fldz
    xsaveopt64 [rsi+0x800]
    mov dword ptr [rsi+0x81c], 0

@snippet xrstor_initial_state
@mem 0x818 u32:0x1fa0
@mem 0xa00 u64:0,0,0,0,0,0,0,0
    mov eax, 3
    xor edx, edx
    fld1
    fldpi
    xrstor64 [rsi+0x800]
    mov dword ptr [rsi+0x81c], 0

@snippet xrstor_x87_only_keeps_sse
@mem 0x818 u32:0x1f80
@mem 0xa00 u64:0,0,0,0,0,0,0,0
    mov eax, 3
    xor edx, edx
    fld1
    pxor xmm0, xmm3
    xsave64 [rsi+0x800]
    fldz
    fldz
    xorps xmm0, xmm0
    mov eax, 1
    xrstor64 [rsi+0x800]
    mov dword ptr [rsi+0x81c], 0

@snippet xrstor_sse_only_keeps_x87
@mem 0x818 u32:0x1f80
@mem 0xa00 u64:0,0,0,0,0,0,0,0
    mov eax, 3
    xor edx, edx
    fld1
    pxor xmm0, xmm3
    xsave64 [rsi+0x800]
    fldz
    xorps xmm0, xmm0
    mov eax, 2
    xrstor64 [rsi+0x800]
    mov dword ptr [rsi+0x81c], 0
