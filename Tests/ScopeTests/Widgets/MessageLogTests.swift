import Scope
import Testing

struct MessageLogTests {
  @Test func newestAtTheBottom() {
    let log = MessageLog(messages: ["a", "b", "c", "d"])
    #expect(rendered(log, width: 3, height: 3).lines == ["b  ", "c  ", "d  "])
  }

  @Test func wrapsAndScrollsBack() {
    let log = MessageLog(messages: ["first message", LogMessage("error: unknown command 'stpe'", level: .error)])
    #expect(rendered(log, width: 12, height: 3).lines == ["unknown     ", "command     ", "'stpe'      "])
    let back = MessageLog(messages: log.messages, offset: 1)
    #expect(rendered(back, width: 12, height: 3).lines == ["error:      ", "unknown     ", "command     "])
    #expect(rendered(log, width: 12, height: 3)[0, 0].style == Theme.dark.violationMarker)
  }

  @Test func fewerMessagesThanRowsStartAtTheTop() {
    #expect(rendered(MessageLog(messages: ["only"]), width: 5, height: 2).lines == ["only ", "     "])
  }
}
