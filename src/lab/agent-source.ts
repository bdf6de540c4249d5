/**
 * The program that lives inside the sandbox as PID 1 of its own PID namespace
 * and runs every lab command under it. Two implementations speak one line
 * protocol: Perl (starts in a few milliseconds, and perl-base is on every
 * Debian system) and Node.js (always there, since the tutor runs on it; used
 * when perl is missing).
 *
 * Protocol, one message per line, payloads hex-encoded:
 *   in : R <id> <timeoutMs> <flags> <hex command>   (flags: "i" gives the command a stdin pipe, "-" none)
 *        I <id> <hex bytes>   C <id>   (write to / close that stdin)   K <id> <signal name>
 *        S   (stop what finished commands left running; answered by nothing, done before the next line is read)
 *   out: READY   O <id> <1|2> <hex bytes>   D <id> <bytes dropped>   X <id> <code|-> <signal|-> <timedOut 0|1>
 *
 * Output is capped where it is read: the first HEAD bytes stream as they
 * come, then only the last TAIL bytes are kept, and at the end a D line says
 * how much was dropped before that tail is sent.
 *
 * Perl: each command runs under a supervisor, a subreaper (PR_SET_CHILD_SUBREAPER),
 * so whatever the command starts stays its descendant even after setsid or a
 * double fork. At the timeout (or a K SIGKILL) the whole subtree is killed,
 * sweep after sweep until nothing is left. When the command ends by itself,
 * what it left in the background keeps running (a server a lesson starts on
 * purpose), and the result is sent once its pipes close or GRACE later,
 * whichever comes first; later output of those processes is drained and dropped.
 * Node.js cannot become a subreaper: it kills the process group and the
 * orphans that appeared while the command ran.
 *
 * When stdin closes (the tutor exited, even by SIGKILL) the agent exits;
 * being PID 1, its exit takes every other process of the sandbox with it.
 */

export const OUTPUT_HEAD_BYTES = 64 * 1024;
export const OUTPUT_TAIL_BYTES = 16 * 1024;
const GRACE_MS = 200;
export const BACKGROUND_MAX = 32;

export const PERL_AGENT_SOURCE = String.raw`
use strict; use warnings; use POSIX (); use IO::Select; use Config;
$SIG{PIPE} = 'IGNORE';
my ($HEAD, $TAIL, $GRACE, $BGMAX) = (${OUTPUT_HEAD_BYTES}, ${OUTPUT_TAIL_BYTES}, ${GRACE_MS}, ${BACKGROUND_MAX});
my $watched = 0;
my $tck = POSIX::sysconf(POSIX::_SC_CLK_TCK()) || 100;
sub now_ms { return (POSIX::times())[0] * 1000 / $tck; }
my %PRCTL = (x86_64 => 157, aarch64 => 167, riscv64 => 167, loongarch64 => 167, i386 => 172, i686 => 172, ppc64 => 171, ppc64le => 171, s390x => 172);
my $arch = (POSIX::uname())[4];
my $prctl = $PRCTL{$arch} // ($arch =~ /^arm/ ? 172 : undef);
# Not dumpable: nothing in the lab can open this process's protocol pipes through /proc.
syscall($prctl, 4, 0, 0, 0, 0) if $prctl;
my (%kid, %bypid, %pipe);
my $sel = IO::Select->new(); $sel->add(\*STDIN);
# A child's exit wakes the loop through this pipe, so exits are reaped at once.
pipe(my $wake_r, my $wake_w) or die; $sel->add($wake_r);
{ my $old = select($wake_w); $| = 1; select($old); }
$SIG{CHLD} = sub { syswrite($wake_w, 'x'); };
my $inbuf = '';
sub emit { my $s = shift; my $off = 0; while ($off < length $s) { my $n = syswrite(STDOUT, $s, length($s) - $off, $off); shutdown_all() unless defined $n; $off += $n; } }
sub shutdown_all { POSIX::_exit(0); }
$SIG{$_} = \&shutdown_all for qw(TERM INT HUP);
sub close_fds_but { my %keep = map { $_ => 1 } @_; opendir(my $d, '/proc/self/fd') or return; my @fds = grep { /^\d+$/ } readdir $d; closedir $d; for (@fds) { POSIX::close($_) if $_ > 2 && !$keep{$_}; } }
sub supervise {
  my ($cmd, $ow, $ew, $sw, $ir) = @_;
  POSIX::setsid();
  syscall($prctl, 36, 1, 0, 0, 0) if $prctl;
  $SIG{$_} = 'DEFAULT' for qw(TERM INT HUP PIPE CHLD);
  open(STDIN, '<', '/dev/null'); open(STDOUT, '>', '/dev/null'); open(STDERR, '>', '/dev/null');
  close_fds_but(fileno $ow, fileno $ew, fileno $sw, $ir ? fileno $ir : ());
  my $c = fork();
  if (!defined $c) { syswrite($sw, "32512\n"); POSIX::_exit(0); }
  if ($c == 0) {
    POSIX::setsid();
    if ($ir) { open(STDIN, '<&', $ir); } else { open(STDIN, '<', '/dev/null'); }
    open(STDOUT, '>&', $ow); open(STDERR, '>&', $ew);
    exec('/bin/sh', '-c', $cmd) or POSIX::_exit(127);
  }
  close $ow; close $ew; close $ir if $ir;
  while ((my $w = waitpid(-1, 0)) > 0) { if ($w == $c) { syswrite($sw, "$?\n"); close $sw; } }
  POSIX::_exit(0);
}
sub start {
  my ($id, $tmo, $flags, $cmd) = @_;
  my ($or, $ow, $er, $ew, $sr, $sw, $ir, $iw);
  my $input = $flags =~ /i/;
  unless (pipe($or, $ow) && pipe($er, $ew) && pipe($sr, $sw) && (!$input || pipe($ir, $iw))) { emit("X $id 127 - 0\n"); return; }
  my $pid = fork();
  if (!defined $pid) { emit("X $id 127 - 0\n"); return; }
  if ($pid == 0) { supervise($cmd, $ow, $ew, $sw, $ir); }
  close $ow; close $ew; close $sw; close $ir if $input;
  $iw->blocking(0) if $input;
  my $k = { id => $id, pid => $pid, open => 2, deadline => now_ms() + $tmo, timedout => 0, status => undef, sbuf => '', in => $iw, head => 0, tail => [], tailbytes => 0, dropped => 0, done => 0 };
  $kid{$id} = $k; $bypid{$pid} = $k;
  for ([$or, 1], [$er, 2], [$sr, 3]) { $pipe{fileno $_->[0]} = [$k, $_->[1], $_->[0]]; $sel->add($_->[0]); }
}
sub output {
  my ($k, $fd, $buf) = @_;
  my $room = $HEAD - $k->{head};
  if ($room > 0) {
    my $h = substr($buf, 0, $room, '');
    $k->{head} += length $h;
    emit("O $k->{id} $fd " . unpack('H*', $h) . "\n");
    return unless length $buf;
  }
  push @{$k->{tail}}, [$fd, $buf]; $k->{tailbytes} += length $buf;
  while ($k->{tailbytes} - length($k->{tail}[0][1]) >= $TAIL) { my $c = shift @{$k->{tail}}; $k->{tailbytes} -= length $c->[1]; $k->{dropped} += length $c->[1]; }
}
sub finish {
  my $k = shift;
  return if $k->{done} || !defined $k->{status};
  return unless $k->{open} == 0 || now_ms() - $k->{exited} >= $GRACE;
  $k->{done} = 1;
  runaway($k, 1);
  my $extra = $k->{tailbytes} - $TAIL;
  if ($extra > 0) { substr($k->{tail}[0][1], 0, $extra, ''); $k->{dropped} += $extra; }
  emit("D $k->{id} $k->{dropped}\n") if $k->{dropped};
  emit("O $k->{id} $_->[0] " . unpack('H*', $_->[1]) . "\n") for @{$k->{tail}};
  $k->{tail} = [];
  my $st = $k->{status};
  my ($code, $sig) = ($st & 127) ? ('-', $st & 127) : ($st >> 8, '-');
  if ($sig ne '-') { my @n = split ' ', $Config::Config{sig_name} // ''; $sig = 'SIG' . ($n[$sig] // $sig); }
  emit("X $k->{id} $code $sig $k->{timedout}\n");
  close $k->{in} if $k->{in}; $k->{in} = undef;
}
# Every process below a supervisor, found through /proc (ppid links).
sub descendants {
  my ($root) = @_; my %kids;
  opendir(my $d, '/proc') or return ();
  for my $p (readdir $d) {
    next unless $p =~ /^\d+$/;
    open(my $f, '<', "/proc/$p/stat") or next; my $s = <$f>; close $f;
    next unless defined $s && $s =~ /^\d+ \(.*\) (\S) (\d+)/s;
    push @{$kids{$2}}, [$p, $1];
  }
  closedir $d;
  my (@out, @q); @q = ($root);
  while (@q) { my $x = shift @q; for (@{$kids{$x} || []}) { push @out, $_->[0] if $_->[1] ne 'Z'; push @q, $_->[0]; } }
  return @out;
}
# A command may leave a server running; more than BACKGROUND_MAX processes is a runaway (a fork bomb), stopped and said.
sub runaway {
  my ($k, $say) = @_;
  my $n = () = descendants($k->{pid});
  return if $n <= $BGMAX;
  sweep($k);
  output($k, 2, "netns-tutor: stopped $n processes this command left running (more than $BGMAX)\n") if $say;
}
sub sweep {
  my $k = shift;
  for my $round (1 .. 200) {
    my @d = descendants($k->{pid});
    return unless @d;
    kill('KILL', @d);
    select(undef, undef, undef, 0.002) if $round > 20;
  }
  kill('KILL', $k->{pid});
}
emit("READY\n");
while (1) {
  my $wait = 0.2; my $t = now_ms();
  for my $k (values %kid) {
    next if $k->{done};
    my $d = defined $k->{status} ? ($k->{exited} + $GRACE - $t) / 1000 : ($k->{deadline} - $t) / 1000;
    $wait = $d if $d < $wait;
  }
  $wait = 0.01 if $wait < 0.01;
  for my $fh ($sel->can_read($wait)) {
    if ($fh == $wake_r) { sysread($wake_r, my $drain, 4096); next; }
    if ($fh == \*STDIN) {
      my $n = sysread(STDIN, $inbuf, 65536, length $inbuf);
      shutdown_all() unless $n;
      while ($inbuf =~ s/^([^\n]*)\n//) {
        my @f = split / /, $1;
        next unless @f;
        if ($f[0] eq 'R') { start($f[1], $f[2], $f[3] // '-', pack('H*', $f[4] // '')); next; }
        if ($f[0] eq 'S') { for my $d (values %kid) { sweep($d) if $d->{done}; } next; }
        my $k = $kid{$f[1] // ''}; next unless $k && !$k->{done};
        if ($f[0] eq 'I') { syswrite($k->{in}, pack('H*', $f[2] // '')) if $k->{in}; }
        elsif ($f[0] eq 'C') { close $k->{in} if $k->{in}; $k->{in} = undef; }
        elsif ($f[0] eq 'K') { my $s = $f[2] // 'KILL'; $s =~ s/^SIG//; if ($s eq 'KILL') { sweep($k); } else { my @d = descendants($k->{pid}); kill($s, @d) if @d; } }
      }
      next;
    }
    my $p = $pipe{fileno $fh}; next unless $p;
    my ($k, $fd) = @$p;
    my $n = sysread($fh, my $buf, 65536);
    if ($n) {
      if ($fd == 3) { $k->{sbuf} .= $buf; if (!defined $k->{status} && $k->{sbuf} =~ /^(\d+)\n/) { $k->{status} = $1; $k->{exited} = now_ms(); } }
      elsif (!$k->{done}) { output($k, $fd, $buf); }
      next;
    }
    $sel->remove($fh); delete $pipe{fileno $fh}; close $fh;
    if ($fd == 3) { if (!defined $k->{status}) { $k->{status} = 9; $k->{exited} = now_ms(); } }
    else { $k->{open}--; }
    finish($k);
  }
  while ((my $pid = waitpid(-1, POSIX::WNOHANG())) > 0) {
    my $k = delete $bypid{$pid}; next unless $k;
    delete $kid{$k->{id}} if $k->{done};
  }
  $t = now_ms();
  # Finished commands whose processes still run are looked at once a second.
  my $watch = $t - $watched >= 1000; $watched = $t if $watch;
  for my $k (values %kid) {
    runaway($k, 0) if $watch && $k->{done};
    if (!defined $k->{status} && !$k->{timedout} && $t >= $k->{deadline}) { $k->{timedout} = 1; sweep($k); }
    finish($k);
    delete $kid{$k->{id}} if $k->{done} && !$bypid{$k->{pid}};
  }
}
`;

export const NODE_AGENT_SOURCE = String.raw`
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const HEAD = ${OUTPUT_HEAD_BYTES}, TAIL = ${OUTPUT_TAIL_BYTES}, GRACE = ${GRACE_MS};
const cmds = new Map();
const send = (s) => { try { fs.writeSync(1, s); } catch { process.exit(0); } };
function killGroup(pid, sig) { try { process.kill(-pid, sig); } catch {} }
function procs() {
  const out = [];
  for (const p of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try { const m = /^\d+ \(.*\) (\S) (\d+)(?: \S+){18} (\d+)/s.exec(fs.readFileSync('/proc/' + p + '/stat', 'utf8')); if (m) out.push({ pid: Number(p), state: m[1], ppid: Number(m[2]), start: Number(m[3]) }); } catch {}
  }
  return out;
}
function startTime(pid) { const p = procs().find((x) => x.pid === pid); return p ? p.start : 0; }
// Without a subreaper the best available: the group, and the orphans (now children of this PID 1) born while the command ran.
// A process that left the group (setsid) is still below the command until its parent has died: both are looked for.
function killAll(c) {
  for (let round = 0; round < 50; round++) {
    killGroup(c.child.pid, 'SIGKILL');
    const all = procs().filter((p) => p.state !== 'Z');
    const others = new Set([...cmds.values()].map((x) => x.child.pid));
    const below = new Set([c.child.pid]);
    for (let grew = true; grew; ) { grew = false; for (const p of all) if (below.has(p.ppid) && !below.has(p.pid)) { below.add(p.pid); grew = true; } }
    below.delete(c.child.pid);
    const targets = all.filter((p) => below.has(p.pid) || (p.ppid === 1 && p.start >= c.start && !others.has(p.pid)));
    if (!targets.length) return;
    for (const p of targets) { try { process.kill(p.pid, 'SIGKILL'); } catch {} }
  }
}
// What finished commands left running are orphans, children of this PID 1 that no running command owns.
function stopLeftovers() {
  const live = new Set([...cmds.values()].map((c) => c.child.pid));
  for (let round = 0; round < 20; round++) {
    const orphans = procs().filter((p) => p.ppid === 1 && p.state !== 'Z' && !live.has(p.pid));
    if (!orphans.length) return;
    for (const p of orphans) { try { process.kill(p.pid, 'SIGKILL'); } catch {} }
  }
}
function run(id, timeoutMs, flags, cmd) {
  let child;
  try {
    child = spawn('/bin/sh', ['-c', cmd], { detached: true, stdio: [flags.includes('i') ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
  } catch (e) { send('X ' + id + ' 127 - 0\n'); return; }
  const c = { child, start: 0, head: 0, tail: [], tailBytes: 0, dropped: 0, done: false, status: null, open: 2, timedOut: false };
  c.start = startTime(child.pid);
  cmds.set(id, c);
  if (child.stdin) child.stdin.on('error', () => {});
  const timer = setTimeout(() => { if (c.status) return; c.timedOut = true; killAll(c); }, timeoutMs);
  const output = (fd, d) => {
    if (c.done) return;
    const room = HEAD - c.head;
    if (room > 0) { const h = d.subarray(0, room); c.head += h.length; send('O ' + id + ' ' + fd + ' ' + h.toString('hex') + '\n'); d = d.subarray(h.length); if (!d.length) return; }
    c.tail.push([fd, Buffer.from(d)]); c.tailBytes += d.length;
    while (c.tailBytes - c.tail[0][1].length >= TAIL) { const x = c.tail.shift(); c.tailBytes -= x[1].length; c.dropped += x[1].length; }
  };
  // At the exit, output may still sit in the pipes: the result waits for them to close, or GRACE after the exit (a server left running keeps them open).
  const finish = (graceOver) => {
    if (c.done || !c.status || (c.open > 0 && !graceOver)) return;
    c.done = true;
    clearTimeout(timer);
    const extra = c.tailBytes - TAIL;
    if (extra > 0) { c.tail[0][1] = c.tail[0][1].subarray(extra); c.dropped += extra; }
    if (c.dropped) send('D ' + id + ' ' + c.dropped + '\n');
    for (const [fd, b] of c.tail) send('O ' + id + ' ' + fd + ' ' + b.toString('hex') + '\n');
    c.tail = [];
    send('X ' + id + ' ' + (c.status.code === null ? '-' : c.status.code) + ' ' + (c.status.signal || '-') + ' ' + (c.timedOut ? 1 : 0) + '\n');
    if (child.stdin) child.stdin.destroy();
    cmds.delete(id);
  };
  child.stdout.on('data', (d) => output(1, d));
  child.stderr.on('data', (d) => output(2, d));
  for (const s of [child.stdout, child.stderr]) s.on('close', () => { c.open--; finish(false); });
  child.on('error', (e) => output(2, Buffer.from(String(e) + '\n')));
  child.on('exit', (code, signal) => { c.status = { code, signal }; setTimeout(() => finish(true), GRACE); finish(false); });
}
let buf = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buf += chunk;
  let nl;
  while ((nl = buf.indexOf('\n')) >= 0) {
    const f = buf.slice(0, nl).split(' '); buf = buf.slice(nl + 1);
    if (f[0] === 'R') { run(f[1], Number(f[2]), f[3] || '-', Buffer.from(f[4] || '', 'hex').toString('utf8')); continue; }
    if (f[0] === 'S') { stopLeftovers(); continue; }
    const c = cmds.get(f[1]);
    if (!c || c.done) continue;
    if (f[0] === 'I') { if (c.child.stdin) c.child.stdin.write(Buffer.from(f[2] || '', 'hex')); }
    else if (f[0] === 'C') { if (c.child.stdin) c.child.stdin.end(); }
    else if (f[0] === 'K') { if (f[2] === 'SIGKILL') killAll(c); else killGroup(c.child.pid, f[2]); }
  }
});
const shutdown = () => process.exit(0);
process.stdin.on('end', shutdown);
process.stdin.on('close', shutdown);
for (const s of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(s, shutdown);
send('READY\n');
`;
