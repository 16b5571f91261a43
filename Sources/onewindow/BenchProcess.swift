import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process of `onewindow bench`: a counter terminal on a pseudo-terminal (80×24, as a clerk's
/// window), or a batch command with its output in a file. Its peak memory is the kernel's high-water mark
/// of its resident set (`VmHWM` in /proc/PID/status), read while it runs: not rusage's `ru_maxrss`,
/// which for a child started by posix_spawn (vfork) also counts the parent's memory at the spawn.
final class BenchProcess {
    let pid: pid_t
    /// The terminal side of the pseudo-terminal (-1 for a batch command).
    private let master: Int32
    private(set) var output: [UInt8] = []
    private(set) var exited: Int32?
    /// The largest `VmHWM` read so far, in kB.
    private(set) var peakKB = 0

    /// TIOCSPTLCK, TIOCGPTN (asm-generic/ioctls.h) and POSIX_SPAWN_SETSID (glibc's spawn.h): not imported.
    private static let unlockPTY: UInt = 0x4004_5431, ptyNumber: UInt = 0x8004_5430, spawnNewSession: Int16 = 0x80

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Spawns `arguments` (the program first) in a new session whose standard input, output and error are
    /// a new pseudo-terminal of 80×24, with TERM set, as the counter would run in a clerk's window.
    init(onTerminal arguments: [String], environment: [String: String]) throws {
        // posix_openpt and friends are not in Swift's Glibc module: Linux's own interface (pty(7)).
        let m = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        var unlock: Int32 = 0, number: UInt32 = 0
        guard m >= 0, ioctl(m, Self.unlockPTY, &unlock) == 0, ioctl(m, Self.ptyNumber, &number) == 0 else {
            let reason = String(cString: strerror(errno))
            if m >= 0 { close(m) }
            throw Failure(description: "pseudo-terminal: \(reason)")
        }
        let name = "/dev/pts/\(number)"
        var size = winsize(ws_row: 24, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0)
        _ = withUnsafeMutablePointer(to: &size) { ioctl(m, UInt(TIOCSWINSZ), $0) }
        var env = environment
        env["TERM"] = "xterm-256color"
        do {
            pid = try Self.spawn(arguments, env, stdio: .terminal(name))
        } catch {
            close(m)
            throw error
        }
        master = m
    }

    /// Spawns a batch command, its output (standard output and error) going to `log`.
    init(batch arguments: [String], environment: [String: String], log: String) throws {
        pid = try Self.spawn(arguments, environment, stdio: .file(log))
        master = -1
    }

    deinit {
        if exited == nil { _ = kill(pid, SIGKILL); _ = wait() }
        if master >= 0 { close(master) }
    }

    /// Reads what the program draws until `marker` has arrived (true), it exits, or `timeout` passes.
    func waitFor(_ marker: [UInt8], from start: Int = 0, timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while !contains(marker, from: start) {
            let left = deadline.timeIntervalSinceNow
            guard left > 0, read(waitingMs: Int32(min(left, 0.5) * 1000)) else { return contains(marker, from: start) }
        }
        return true
    }

    /// Reads until nothing more has been drawn for `quiet` seconds (at most `timeout`).
    func settle(quiet: TimeInterval = 0.15, timeout: TimeInterval = 15) {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let before = output.count
            guard read(waitingMs: Int32(quiet * 1000)) else { return }
            if output.count == before { return }
        }
    }

    /// Types `text` (bytes as a terminal sends them) into the program.
    func type(_ text: String) {
        var bytes = Array(text.utf8)
        while !bytes.isEmpty {
            let n = write(master, bytes, bytes.count)
            if n < 0 { if errno == EINTR || errno == EAGAIN { drain(); continue }; return }
            bytes.removeFirst(n)
        }
    }

    /// Ends the program with SIGTERM (SIGKILL if it lingers) and returns its peak memory in kB.
    @discardableResult
    func stop() -> Int {
        if exited == nil {
            samplePeak()
            _ = kill(pid, SIGTERM)
            for _ in 0..<100 where exited == nil {
                drain()
                if reap(noHang: true) { break }
                usleep(20_000)
            }
            if exited == nil { _ = kill(pid, SIGKILL); _ = wait() }
        }
        return peakKB
    }

    /// Waits for a batch command to end, reading its memory's high-water mark every 20 ms; its exit status
    /// (128 + the signal if one ended it) and peak memory in kB.
    func wait() -> (status: Int32, peakKB: Int) {
        while exited == nil {
            samplePeak()
            if reap(noHang: true) { break }
            usleep(20_000)
        }
        return (exited ?? -1, peakKB)
    }

    /// Reads `VmHWM` (kB) from /proc/PID/status while the process lives.
    func samplePeak() {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") else { return }
        peakKB = max(peakKB, kb)
    }

    private func reap(noHang: Bool) -> Bool {
        var status: Int32 = 0
        let r = waitpid(pid, &status, noHang ? WNOHANG : 0)
        if r == pid {
            exited = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
            return true
        }
        if r < 0, errno != EINTR { exited = -1; return true }
        return false
    }

    private func drain() { while read(waitingMs: 0) {} }

    /// One read of the terminal's output if some arrives within `waitingMs`; false when none did or it closed.
    private func read(waitingMs: Int32) -> Bool {
        guard master >= 0 else { return false }
        var fds = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard Glibc.poll(&fds, 1, waitingMs) > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let n = Glibc.read(master, &buffer, buffer.count)
        guard n > 0 else { return false }
        output.append(contentsOf: buffer[0..<n])
        return true
    }

    private func contains(_ marker: [UInt8], from start: Int) -> Bool {
        guard !marker.isEmpty, output.count - start >= marker.count else { return false }
        var i = max(0, start)
        while i + marker.count <= output.count {
            if output[i] == marker[0], Array(output[i..<(i + marker.count)]) == marker { return true }
            i += 1
        }
        return false
    }

    private enum Stdio {
        case terminal(String)
        case file(String)
    }

    private static func spawn(_ arguments: [String], _ environment: [String: String], stdio: Stdio) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        switch stdio {
        case .terminal(let slave):
            // A new session, so the terminal opened first becomes its controlling terminal.
            posix_spawnattr_setflags(&attributes, Self.spawnNewSession)
            posix_spawn_file_actions_addopen(&actions, 0, slave, O_RDWR, 0)
            posix_spawn_file_actions_adddup2(&actions, 0, 1)
            posix_spawn_file_actions_adddup2(&actions, 0, 2)
        case .file(let log):
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard rc == 0 else { throw Failure(description: "\(arguments[0]): \(String(cString: strerror(rc)))") }
        return pid
    }
}
