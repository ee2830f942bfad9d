package sandbox

import (
	"os"
	"os/exec"
	"sync"
	"syscall"
	"unsafe"

	"golang.org/x/sys/windows"
)

// commitLimited: a Job Object limits committed memory.
const commitLimited = true

// jobs maps a child's PID to its Job Object, so killTree ends the whole
// job.
var jobs sync.Map

// prepare starts the child in its own process group, so a Ctrl+C meant for
// the app does not reach it half-way (the job ends it), and without a
// console window: Tesseract is a console program, and the desk is not, so
// Windows would otherwise flash a window for every page it reads.
func prepare(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{
		HideWindow:    true,
		CreationFlags: windows.CREATE_NEW_PROCESS_GROUP | windows.CREATE_NO_WINDOW,
	}
}

// contain puts the child in a Job Object of its own that kills it when the
// last handle to the job closes — when Wait is done, or when the app dies
// and Windows closes its handles — and that caps its committed memory.
func contain(p *os.Process, memory int64) (func(), error) {
	job, err := windows.CreateJobObject(nil, nil)
	if err != nil {
		return nil, err
	}
	var info windows.JOBOBJECT_EXTENDED_LIMIT_INFORMATION
	info.BasicLimitInformation.LimitFlags = windows.JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE | windows.JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION
	if memory > 0 {
		info.BasicLimitInformation.LimitFlags |= windows.JOB_OBJECT_LIMIT_PROCESS_MEMORY
		info.ProcessMemoryLimit = uintptr(memory)
	}
	if _, err := windows.SetInformationJobObject(job, windows.JobObjectExtendedLimitInformation,
		uintptr(unsafe.Pointer(&info)), uint32(unsafe.Sizeof(info))); err != nil {
		windows.CloseHandle(job)
		return nil, err
	}
	h, err := windows.OpenProcess(windows.PROCESS_SET_QUOTA|windows.PROCESS_TERMINATE, false, uint32(p.Pid))
	if err != nil {
		windows.CloseHandle(job)
		return nil, err
	}
	defer windows.CloseHandle(h)
	if err := windows.AssignProcessToJobObject(job, h); err != nil {
		windows.CloseHandle(job)
		return nil, err
	}
	jobs.Store(p.Pid, job)
	return func() {
		jobs.Delete(p.Pid)
		windows.CloseHandle(job)
	}, nil
}

// killTree ends the child's job (the child and whatever it started), or
// the child alone before it has one.
func killTree(cmd *exec.Cmd) error {
	if cmd.Process == nil {
		return nil
	}
	if j, ok := jobs.Load(cmd.Process.Pid); ok {
		if err := windows.TerminateJobObject(j.(windows.Handle), 1); err == nil {
			return nil
		}
	}
	return cmd.Process.Kill()
}

type memoryStatusEx struct {
	Length               uint32
	MemoryLoad           uint32
	TotalPhys            uint64
	AvailPhys            uint64
	TotalPageFile        uint64
	AvailPageFile        uint64
	TotalVirtual         uint64
	AvailVirtual         uint64
	AvailExtendedVirtual uint64
}

var globalMemoryStatusEx = windows.NewLazySystemDLL("kernel32.dll").NewProc("GlobalMemoryStatusEx")

// PhysicalMemory is the machine's RAM in bytes.
func PhysicalMemory() int64 {
	m := memoryStatusEx{Length: uint32(unsafe.Sizeof(memoryStatusEx{}))}
	if r, _, _ := globalMemoryStatusEx.Call(uintptr(unsafe.Pointer(&m))); r == 0 || m.TotalPhys == 0 {
		return 8 << 30
	}
	return int64(m.TotalPhys)
}
