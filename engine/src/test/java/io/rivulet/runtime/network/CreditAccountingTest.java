package io.rivulet.runtime.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The plain-Java credit rules of remote channels, without any transport. */
class CreditAccountingTest {

  @Test
  void openingGrantsTheExclusiveBuffersInOneAnnouncement() {
    InputCredit c = new InputCredit(2, new FloatingBufferPool(0));
    assertThat(c.open()).as("0 -> 2: announce").isTrue();
    assertThat(c.takeAnnouncement()).isEqualTo(2);
    assertThat(c.senderCredit()).isEqualTo(2);
    assertThat(c.takeAnnouncement()).as("nothing left to announce").isZero();
  }

  @Test
  void aDataBufferWithoutCreditIsAProtocolViolation() {
    InputCredit c = new InputCredit(1, null);
    assertThatThrownBy(() -> c.onBuffer(0)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("without credit");
  }

  @Test
  void creditComesBackOnRecycleAndIsAnnouncedOnlyOnZeroToN() {
    InputCredit c = new InputCredit(2, null);
    c.open();
    c.takeAnnouncement();
    assertThat(c.onBuffer(0)).isFalse();
    assertThat(c.onBuffer(0)).isFalse();
    assertThat(c.senderCredit()).isZero();
    assertThat(c.onRecycled()).as("0 -> 1: announce").isSameAs(c);
    assertThat(c.onRecycled()).as("1 -> 2: already scheduled").isNull();
    assertThat(c.takeAnnouncement()).as("both in one message").isEqualTo(2);
    assertThat(c.buffersCommitted()).isEqualTo(2);
  }

  @Test
  void backlogBorrowsFloatingBuffersAndReturnsThemWhenTheBacklogIsGone() {
    FloatingBufferPool pool = new FloatingBufferPool(3);
    InputCredit c = new InputCredit(2, pool);
    c.open();
    c.takeAnnouncement();
    assertThat(c.onBuffer(3)).as("backlog 3 > credit 1: borrow 2 floating and announce").isTrue();
    assertThat(c.floatingHeld()).isEqualTo(2);
    assertThat(pool.available()).isEqualTo(1);
    assertThat(c.takeAnnouncement()).isEqualTo(2);
    assertThat(c.buffersCommitted()).as("exclusive + floating").isEqualTo(4);

    // the sender drains its backlog
    c.onBuffer(2);
    c.onBuffer(1);
    c.onBuffer(0);
    assertThat(c.senderCredit()).isZero();
    // consumed buffers: floating ones go back to the pool, exclusive ones become credit
    for (int i = 0; i < 4; i++) {
      c.onRecycled();
    }
    assertThat(c.floatingHeld()).isZero();
    assertThat(pool.available()).isEqualTo(3);
    assertThat(c.takeAnnouncement()).isEqualTo(2);
    assertThat(c.buffersCommitted()).as("back to the exclusive buffers only").isEqualTo(2);
  }

  @Test
  void aChannelWaitingForAFloatingBufferGetsTheNextOneReturned() {
    FloatingBufferPool pool = new FloatingBufferPool(1);
    InputCredit a = new InputCredit(1, pool);
    InputCredit b = new InputCredit(1, pool);
    a.open();
    a.takeAnnouncement();
    b.open();
    b.takeAnnouncement();
    a.onBuffer(1); // a borrows the only floating buffer
    a.takeAnnouncement();
    assertThat(b.onBuffer(1)).as("pool empty: b waits").isFalse();
    assertThat(b.floatingHeld()).isZero();
    a.onBuffer(0); // a's backlog is gone; it holds two buffers, one of them floating
    InputCredit woken = a.onRecycled(); // a no longer needs more than its exclusive buffer: floating to b
    assertThat(woken).isSameAs(b);
    assertThat(a.floatingHeld()).isZero();
    assertThat(b.floatingHeld()).isEqualTo(1);
    assertThat(b.takeAnnouncement()).isEqualTo(1);
    assertThat(a.onRecycled()).as("the exclusive buffer becomes a's credit again").isSameAs(a);
    assertThat(a.takeAnnouncement()).isEqualTo(1);
  }

  @Test
  void senderSendsNothingBeforeTheFirstCredit() {
    OutputCredit s = new OutputCredit();
    s.enqueue(RecordCodec.encodeEvent(new StreamEvent.Watermark(1)));
    assertThat(s.pollSendable()).as("channel not open yet").isNull();
    s.addCredit(0);
    assertThat(s.pollSendable()).as("open: events need no credit").isNotNull();
  }

  @Test
  void zeroCreditNeverSendsDataAndEventsDoNotOvertakeData() {
    OutputCredit s = new OutputCredit();
    NetworkBuffer d1 = new NetworkBuffer(new byte[1], 1, 1, false);
    NetworkBuffer d2 = new NetworkBuffer(new byte[1], 1, 1, false);
    NetworkBuffer ev = RecordCodec.encodeEvent(StreamEvent.EndOfPartition.INSTANCE);
    s.enqueue(d1);
    s.enqueue(d2);
    s.enqueue(ev);
    s.addCredit(1);
    assertThat(s.pollSendable()).isSameAs(d1);
    assertThat(s.backlog()).isEqualTo(1);
    assertThat(s.pollSendable()).as("no credit left: d2 waits, and the event behind it too").isNull();
    s.addCredit(1);
    assertThat(s.pollSendable()).isSameAs(d2);
    assertThat(s.pollSendable()).isSameAs(ev);
    assertThat(s.credit()).isZero();
  }
}
