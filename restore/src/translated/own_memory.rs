//! The restored guest as the hot-patch planner sees it: its mappings come from the image (with
//! the files' identities), its memory is this restorer's own, where the guest now lives.

use images_format::proto::mm::{Vma, VmaKind};

use super::host;
use super::memory::GuestMemoryMap;
use crate::hotpatch::{
    AddressSpace, GuestAccessError, GuestAddr, GuestMemory, GuestMemoryWrite, Mapping, PROT_READ,
    PROT_WRITE,
};

/// The guest in this process, for planning and applying the hot-patch stage.
pub struct OwnGuest {
    mappings: Vec<Mapping>,
}

const GUEST: &str = "the restored guest";

impl OwnGuest {
    pub fn new(vmas: &[Vma], map: &GuestMemoryMap) -> OwnGuest {
        let mappings = vmas
            .iter()
            .filter(|v| map.find(v.start).is_some())
            .map(|v| {
                let mut m = crate::hotpatch::mapping_of_vma(v);
                // vvar is mapped inaccessible: the guest must never read it
                if v.kind.enum_value_or_default() == VmaKind::VMA_VVAR {
                    m.prot = 0;
                }
                m
            })
            .collect();
        OwnGuest { mappings }
    }

    /// Checks that `[addr, addr+len)` lies in guest mappings whose protection has all of
    /// `need` (PROT_* bits); the mappings involved.
    fn covering(
        &self,
        addr: u64,
        len: usize,
        need: u32,
    ) -> Result<Vec<&Mapping>, GuestAccessError> {
        let end = addr
            .checked_add(len as u64)
            .ok_or(GuestAccessError::NotMapped {
                guest: GUEST.into(),
                addr: GuestAddr(addr),
                len,
            })?;
        let mut out = Vec::new();
        let mut a = addr;
        while a < end {
            match self
                .mappings
                .iter()
                .find(|m| m.contains(GuestAddr(a)) && m.prot & need == need)
            {
                Some(m) => {
                    out.push(m);
                    a = m.end.0;
                }
                None => {
                    return Err(GuestAccessError::NotMapped {
                        guest: GUEST.into(),
                        addr: GuestAddr(addr),
                        len,
                    })
                }
            }
        }
        Ok(out)
    }
}

impl AddressSpace for OwnGuest {
    fn mappings(&self) -> Result<Vec<Mapping>, GuestAccessError> {
        Ok(self.mappings.clone())
    }
}

impl GuestMemory for OwnGuest {
    fn read(&self, addr: GuestAddr, buf: &mut [u8]) -> Result<(), GuestAccessError> {
        self.covering(addr.0, buf.len(), PROT_READ)?;
        buf.copy_from_slice(host::guest_bytes(addr.0, buf.len() as u64));
        Ok(())
    }
}

impl GuestMemoryWrite for OwnGuest {
    /// Writes whatever the protection (a GOT after RELRO is read-only): each read-only mapping
    /// involved is made writable for the write and put back.
    fn write(&mut self, addr: GuestAddr, data: &[u8]) -> Result<(), GuestAccessError> {
        let ms: Vec<Mapping> = self
            .covering(addr.0, data.len(), 0)?
            .into_iter()
            .cloned()
            .collect();
        let werr = |source| GuestAccessError::Write {
            guest: GUEST.into(),
            addr,
            len: data.len(),
            source,
        };
        for m in &ms {
            if m.prot & PROT_WRITE == 0 {
                host::protect(m.start.0, m.len(), (m.prot | PROT_WRITE | PROT_READ) as i32)
                    .map_err(werr)?;
            }
        }
        host::write_guest(addr.0, data);
        for m in &ms {
            if m.prot & PROT_WRITE == 0 {
                host::protect(m.start.0, m.len(), m.prot as i32).map_err(werr)?;
            }
        }
        Ok(())
    }
}
