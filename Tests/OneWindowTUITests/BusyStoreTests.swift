import Foundation
import OneWindowCore
import OneWindowResources
import OneWindowService
import OneWindowStore
@testable import OneWindowTUI
import Testing

/// Issue 10, item 4: a save that cannot get the write lock (a batch holding it) says so in the clerk's
/// language and keeps the form, so once the lock is free, validating and saving again stores what was typed.
@Suite("A busy store at the counter")
struct BusyStoreTests {
    @Test("F5 while another process holds the write lock: the busy message, the form kept; saving again stores it")
    func busySaveKeepsForm() throws {
        let f = try TUIFixture()
        // This counter's own connection, giving up after 0.2 s instead of 5 (the wait is not what is tested).
        let store = try Store(path: f.store.path, busyTimeout: 0.2)
        let terminal = VirtualTerminal(size: .minimum)
        let app = try CounterTerminal.application(terminal: terminal, store: store, strings: StringTable(language: .zh),
                                                  storeLabel: "store.sqlite")
        app.ui.clock = f.clock
        let base = try f.context(.clerk, name: "wang")
        app.ui.services = ServiceContext(store: store, policies: base.policies, clock: f.clock, session: base.session)
        app.goHome()

        let id = "110105198805120026"
        #expect(CitizenID.checkCharacter(for: String(id.prefix(17))).map(String.init) == String(id.last!))
        app.openMenu(1)
        app.fillEmployee(id: id, name: "陈静", employer: TUIFixture.tianjinCo, base: "7000", from: "2026-12")
        app.press(.enter)
        #expect(app.messageLine.contains("校验通过，按 F5 保存"))

        // Another process (a batch) takes the write lock and keeps it until told.
        let holder = try Store(path: f.store.path)
        let held = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), finished = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            _ = try? holder.write(operator: "batch") { _, audit in
                audit.append(AuditEntry(action: "test.hold", entity: "store"))
                held.signal()
                release.wait()
            }
            finished.signal()
        }
        held.wait()
        app.press(.function(5))
        let screen = app.screenText
        release.signal()
        finished.wait()
        #expect(app.top.screenID == "OW11")
        #expect(app.messageLine.contains("数据正忙（另一窗口或批量任务正在写入），请稍后再试；已填写的内容没有丢失"))
        #expect(!screen.contains("database is locked") && !screen.contains("SQLite"))
        #expect(screen.contains("陈静") && screen.contains(id) && screen.contains("7000") && screen.contains("2026-12"))
        #expect(try f.store.read { tx in try tx.persons.count() } == 1)

        // The lock is free again: what was typed is saved. (A failed save drops the validation, as after any
        // service error, so it is Enter and F5 again.)
        app.press(.function(5))
        #expect(app.messageLine.contains("请先按 Enter 校验"))
        app.press(.enter)
        app.press(.function(5))
        #expect(app.messageLine.contains("已保存：陈静"))
        #expect(try f.store.read { tx in try tx.persons.count() } == 2)
    }
}
