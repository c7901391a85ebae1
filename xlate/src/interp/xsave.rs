//! XSAVE, XSAVEOPT, XRSTOR and XGETBV on the emulated state. The translator's CPU
//! ([`crate::cpuid`]) has XCR0 = x87 | SSE and the standard (non-compacted) 576-byte area: the
//! 512-byte FXSAVE-format legacy region followed by the 64-byte XSAVE header. XSAVEC, XSAVES,
//! XRSTORS and XGETBV with ECX=1 are not advertised and not implemented.
//!
//! Behaviour chosen where the architecture leaves a choice: XINUSE is 1 for every component (the
//! header's XSTATE_BV gets every requested bit, as on this project's x86 hosts, which keep
//! XINUSE set after first use), so XSAVEOPT saves exactly what XSAVE saves. As for FXSAVE,
//! bytes 416..511 of the legacy region are never written, and FOP/FIP/FDP are saved as zero
//! unless an unmasked x87 exception is pending (FSW.ES; the translator does not track the last
//! x87 instruction pointer, and AMD processors behave this way).

use super::{Exec, Fault, Interp};
use crate::guestmem as mem;
use crate::state::{gpr as G, X87State, Xmm, FXSAVE_SIZE};
use iced_x86::{Instruction, Mnemonic};

/// The XCR0 the translator's CPU runs with: x87 (bit 0) and SSE (bit 1) state.
pub const XCR0: u64 = 0b11;
/// Size of the XSAVE area for [`XCR0`] (legacy region + header), as CPUID leaf 0xD reports.
pub const XSAVE_AREA_SIZE: u32 = 576;
/// Offset of the XSAVE header.
const HEADER: u64 = 512;
const X87: u64 = 1;
const SSE: u64 = 2;
/// FSW exception summary.
const ES: u16 = 1 << 7;

pub fn lookup(i: &Instruction) -> Option<Exec> {
    use Mnemonic as M;
    Some(match i.mnemonic() {
        M::Xsave | M::Xsave64 | M::Xsaveopt | M::Xsaveopt64 => xsave,
        M::Xrstor | M::Xrstor64 => xrstor,
        M::Xgetbv => xgetbv,
        _ => return None,
    })
}

/// The legacy region as FXSAVE/XSAVE write it (bytes 416.. are not part of any component).
pub fn legacy_image(it: &Interp<'_>) -> [u8; FXSAVE_SIZE] {
    let mut img = it.ctx.guest.to_fxsave();
    if it.ctx.guest.x87.fsw & ES == 0 {
        img[6..24].fill(0);
    }
    img
}

/// Requested-feature bitmap: EDX:EAX masked by XCR0.
fn rfbm(it: &Interp<'_>) -> u64 {
    ((it.reg(G::RDX) << 32) | (it.reg(G::RAX) & 0xffff_ffff)) & XCR0
}

fn aligned_area(it: &Interp<'_>) -> Result<u64, Fault> {
    let a = it.ea();
    if !a.is_multiple_of(64) {
        return Err(Fault::GeneralProtection);
    }
    Ok(a)
}

fn xsave(it: &mut Interp<'_>) -> Result<(), Fault> {
    let a = aligned_area(it)?;
    let rfbm = rfbm(it);
    let img = legacy_image(it);
    if rfbm & X87 != 0 {
        // FCW FSW FTW FOP FIP FDP, then ST0..ST7
        mem::write(a, &img[0..24]);
        mem::write(a + 32, &img[32..160]);
    }
    if rfbm & SSE != 0 {
        // MXCSR, MXCSR_MASK, then XMM0..XMM15
        mem::write(a + 24, &img[24..32]);
        mem::write(a + 160, &img[160..416]);
    }
    let bv = mem::read_uint(a + HEADER, 8);
    mem::write_uint(a + HEADER, 8, (bv & !rfbm) | rfbm);
    Ok(())
}

fn xrstor(it: &mut Interp<'_>) -> Result<(), Fault> {
    let a = aligned_area(it)?;
    let rfbm = rfbm(it);
    let xstate_bv = mem::read_uint(a + HEADER, 8);
    let xcomp_bv = mem::read_uint(a + HEADER + 8, 8);
    let reserved = mem::read_uint(a + HEADER + 16, 8);
    // compacted form (XCOMP_BV[63]) needs XSAVEC, which this CPU lacks; bytes 8..23 of the
    // header must be zero; XSTATE_BV may only name enabled components
    if xcomp_bv != 0 || reserved != 0 || xstate_bv & !XCR0 != 0 {
        return Err(Fault::GeneralProtection);
    }
    let img: [u8; FXSAVE_SIZE] = mem::read::<FXSAVE_SIZE>(a);
    let mxcsr = u32::from_le_bytes([img[24], img[25], img[26], img[27]]);
    if rfbm & SSE != 0 && mxcsr & !0xffff != 0 {
        return Err(Fault::GeneralProtection);
    }
    let mut loaded = it.ctx.guest;
    loaded.load_fxsave(&img);
    let g = &mut it.ctx.guest;
    if rfbm & X87 != 0 {
        g.x87 = if xstate_bv & X87 != 0 {
            loaded.x87
        } else {
            X87State {
                ftw: 0xffff,
                ..X87State::default()
            }
        };
    }
    if rfbm & SSE != 0 {
        g.xmm = if xstate_bv & SSE != 0 {
            loaded.xmm
        } else {
            [Xmm::default(); 16]
        };
        // MXCSR comes from memory whenever SSE state is requested, even if XSTATE_BV[1] is 0
        g.mxcsr = mxcsr;
    }
    Ok(())
}

fn xgetbv(it: &mut Interp<'_>) -> Result<(), Fault> {
    if it.reg(G::RCX) & 0xffff_ffff != 0 {
        return Err(Fault::GeneralProtection);
    }
    it.set_reg(G::RAX, XCR0 & 0xffff_ffff);
    it.set_reg(G::RDX, XCR0 >> 32);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::Context;
    use crate::state::GuestState;
    use iced_x86::{Decoder, DecoderOptions};

    #[repr(C, align(64))]
    struct Area([u8; 1024]);

    fn run(code: &[u8], ctx: &mut Context) -> Result<(), Fault> {
        let ins = Decoder::with_ip(64, code, 0x1000, DecoderOptions::NONE).decode();
        super::super::execute(ctx, &ins)
    }

    #[test]
    fn xsave_then_xrstor_round_trips_and_leaves_reserved_bytes() {
        let mut area = Box::new(Area([0xa5; 1024]));
        area.0[512..576].fill(0);
        let base = area.0.as_mut_ptr() as u64;
        let mut g = GuestState::default();
        g.xmm[3] = Xmm([7; 16]);
        g.mxcsr = 0x1fa0;
        g.x87.fcw = 0x27f;
        g.gpr[G::RAX] = 3;
        g.gpr[G::RSI] = base;
        let mut ctx = Context::new(g, 0);
        // xsave64 [rsi]
        run(&[0x48, 0x0f, 0xae, 0x26], &mut ctx).expect("xsave");
        assert_eq!(
            &area.0[416..512],
            &[0xa5; 96][..],
            "bytes 416..511 untouched"
        );
        assert_eq!(area.0[512], 3, "XSTATE_BV");
        assert_eq!(&area.0[513..576], &[0; 63][..]);
        ctx.guest.xmm[3] = Xmm::default();
        ctx.guest.mxcsr = 0x1f80;
        ctx.guest.x87.fcw = 0x37f;
        // xrstor64 [rsi]
        run(&[0x48, 0x0f, 0xae, 0x2e], &mut ctx).expect("xrstor");
        assert_eq!(ctx.guest.xmm[3], Xmm([7; 16]));
        assert_eq!(ctx.guest.mxcsr, 0x1fa0);
        assert_eq!(ctx.guest.x87.fcw, 0x27f);
        // XSTATE_BV = 0: components initialised, MXCSR still loaded
        area.0[512] = 0;
        run(&[0x48, 0x0f, 0xae, 0x2e], &mut ctx).expect("xrstor init");
        assert_eq!(ctx.guest.xmm[3], Xmm::default());
        assert_eq!(ctx.guest.x87.fcw, 0x37f);
        assert_eq!(ctx.guest.mxcsr, 0x1fa0);
    }

    #[test]
    fn misaligned_area_and_compacted_header_fault() {
        let mut area = Box::new(Area([0; 1024]));
        let base = area.0.as_mut_ptr() as u64;
        let mut g = GuestState::default();
        g.gpr[G::RAX] = 3;
        g.gpr[G::RSI] = base + 16;
        let mut ctx = Context::new(g, 0);
        assert_eq!(
            run(&[0x48, 0x0f, 0xae, 0x26], &mut ctx),
            Err(Fault::GeneralProtection)
        );
        ctx.guest.gpr[G::RSI] = base;
        area.0[512 + 15] = 0x80;
        assert_eq!(
            run(&[0x48, 0x0f, 0xae, 0x2e], &mut ctx),
            Err(Fault::GeneralProtection)
        );
    }

    #[test]
    fn xgetbv_reports_xcr0() {
        let mut g = GuestState::default();
        g.gpr[G::RAX] = u64::MAX;
        g.gpr[G::RDX] = u64::MAX;
        let mut ctx = Context::new(g, 0);
        run(&[0x0f, 0x01, 0xd0], &mut ctx).expect("xgetbv");
        assert_eq!(ctx.guest.gpr[G::RAX], 3);
        assert_eq!(ctx.guest.gpr[G::RDX], 0);
        ctx.guest.gpr[G::RCX] = 1;
        assert_eq!(
            run(&[0x0f, 0x01, 0xd0], &mut ctx),
            Err(Fault::GeneralProtection)
        );
    }
}
