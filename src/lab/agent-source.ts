/**
 * The program that lives inside the sandbox as PID 1 of its own PID namespace
 * and runs every lab command as its child, each in a process group of its own.
 * Two implementations speak one line protocol: Perl (starts in a few
 * milliseconds, and perl-base is on every Debian system) and Node.js (always
 * there, since the tutor runs on it; used when perl is missing).
 *
 * Protocol, one message per line, payloads hex-encoded:
 *   in : R <id> <timeoutMs> <hex command>     K <id> <signal name>
 *   out: READY     O <id> <1|2> <hex bytes>   X <id> <code|-> <signal|-> <timedOut 0|1>
 * When stdin closes (the tutor exited, even by SIGKILL) every command's process
 * group is killed and the agent exits; being PID 1, its exit takes every other
 * process of the sandbox with it, and the namespaces disappear.
 */

export const PERL_AGENT_SOURCE = String.raw`
use strict; use warnings; use POSIX (); use IO::Select;
$SIG{PIPE} = 'IGNORE';
my $tck = POSIX::sysconf(POSIX::_SC_CLK_TCK()) || 100;
sub now_ms { return (POSIX::times())[0] * 1000 / $tck; }
my (%kid, %bypid, %pipe);
my $sel = IO::Select->new(); $sel->add(\*STDIN);
# A child's exit wakes the loop through this pipe, so exits are reaped at once.
pipe(my $wake_r, my $wake_w) or die; $sel->add($wake_r);
{ my $old = select($wake_w); $| = 1; select($old); }
$SIG{CHLD} = sub { syswrite($wake_w, 'x'); };
my $inbuf = '';
sub emit { my $s = shift; my $off = 0; while ($off < length $s) { my $n = syswrite(STDOUT, $s, length($s) - $off, $off); shutdown_all() unless defined $n; $off += $n; } }
sub killgrp { my ($pid, $sig) = @_; kill($sig, -$pid); }
sub shutdown_all { killgrp($_->{pid}, 'KILL') for values %kid; POSIX::_exit(0); }
$SIG{$_} = \&shutdown_all for qw(TERM INT HUP);
sub start {
  my ($id, $tmo, $cmd) = @_;
  pipe(my $or, my $ow) or return emit("X $id 127 - 0\n");
  pipe(my $er, my $ew) or return emit("X $id 127 - 0\n");
  my $pid = fork();
  if (!defined $pid) { emit("X $id 127 - 0\n"); return; }
  if ($pid == 0) {
    POSIX::setsid(); close $or; close $er;
    open(STDIN, '<', '/dev/null'); open(STDOUT, '>&', $ow); open(STDERR, '>&', $ew);
    $SIG{$_} = 'DEFAULT' for qw(TERM INT HUP PIPE);
    exec('/bin/sh', '-c', $cmd) or POSIX::_exit(127);
  }
  close $ow; close $ew;
  my $k = { id => $id, pid => $pid, open => 2, deadline => now_ms() + $tmo, timedout => 0, status => undef };
  $kid{$id} = $k; $bypid{$pid} = $k;
  for ([$or, 1], [$er, 2]) { $pipe{fileno $_->[0]} = [$k, $_->[1], $_->[0]]; $sel->add($_->[0]); }
}
sub finish {
  my $k = shift;
  return unless defined $k->{status} && $k->{open} == 0;
  my $st = $k->{status};
  my ($code, $sig) = ($st & 127) ? ('-', $st & 127) : ($st >> 8, '-');
  if ($sig ne '-') { my @n = split ' ', $Config::Config{sig_name} // ''; $sig = 'SIG' . ($n[$sig] // $sig); }
  emit("X $k->{id} $code $sig $k->{timedout}\n");
  delete $kid{$k->{id}}; delete $bypid{$k->{pid}};
}
use Config;
emit("READY\n");
while (1) {
  my $wait = 0.2; my $t = now_ms();
  for my $k (values %kid) { next if defined $k->{status}; my $d = ($k->{deadline} - $t) / 1000; $wait = $d if $d < $wait; }
  $wait = 0.01 if $wait < 0.01;
  for my $fh ($sel->can_read($wait)) {
    if ($fh == $wake_r) { sysread($wake_r, my $drain, 4096); next; }
    if ($fh == \*STDIN) {
      my $n = sysread(STDIN, $inbuf, 65536, length $inbuf);
      shutdown_all() unless $n;
      while ($inbuf =~ s/^([^\n]*)\n//) {
        my @f = split / /, $1;
        if ($f[0] eq 'R') { start($f[1], $f[2], pack('H*', $f[3] // '')); }
        elsif ($f[0] eq 'K') { my $k = $kid{$f[1]}; if ($k) { my $s = $f[2]; $s =~ s/^SIG//; killgrp($k->{pid}, $s); } }
      }
      next;
    }
    my $p = $pipe{fileno $fh}; next unless $p;
    my ($k, $fd) = @$p;
    my $n = sysread($fh, my $buf, 65536);
    if ($n) { emit("O $k->{id} $fd " . unpack('H*', $buf) . "\n"); }
    else { $sel->remove($fh); delete $pipe{fileno $fh}; close $fh; $k->{open}--; finish($k); }
  }
  while ((my $pid = waitpid(-1, POSIX::WNOHANG())) > 0) {
    my $k = $bypid{$pid}; next unless $k;
    $k->{status} = $?;
    # Background processes a command left behind die with it, which also
    # releases the output pipes they hold.
    killgrp($pid, 'KILL');
    finish($k);
  }
  $t = now_ms();
  for my $k (values %kid) {
    if (!defined $k->{status} && !$k->{timedout} && $t >= $k->{deadline}) { $k->{timedout} = 1; killgrp($k->{pid}, 'KILL'); }
  }
}
`;

export const NODE_AGENT_SOURCE = String.raw`
'use strict';
const { spawn } = require('node:child_process');
const groups = new Map();
const send = (s) => { try { process.stdout.write(s); } catch { shutdown(); } };
function killGroup(pid, sig) { try { process.kill(-pid, sig); } catch {} }
function shutdown() { for (const c of groups.values()) killGroup(c.pid, 'SIGKILL'); process.exit(0); }
function run(id, timeoutMs, cmd) {
  let child;
  try {
    child = spawn('/bin/sh', ['-c', cmd], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) { send('X ' + id + ' 127 - 0\n'); return; }
  groups.set(id, child);
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; killGroup(child.pid, 'SIGKILL'); }, timeoutMs);
  child.stdout.on('data', (d) => send('O ' + id + ' 1 ' + d.toString('hex') + '\n'));
  child.stderr.on('data', (d) => send('O ' + id + ' 2 ' + d.toString('hex') + '\n'));
  child.on('error', (e) => send('O ' + id + ' 2 ' + Buffer.from(String(e) + '\n').toString('hex') + '\n'));
  let status = null;
  // Background processes a command left behind die with it, which also
  // releases the output pipes they hold so that 'close' can fire.
  child.on('exit', (code, signal) => { status = { code, signal }; killGroup(child.pid, 'SIGKILL'); });
  child.on('close', (code, signal) => {
    clearTimeout(timer);
    groups.delete(id);
    const s = status || { code, signal };
    send('X ' + id + ' ' + (s.code === null ? '-' : s.code) + ' ' + (s.signal || '-') + ' ' + (timedOut ? 1 : 0) + '\n');
  });
}
let buf = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buf += chunk;
  let nl;
  while ((nl = buf.indexOf('\n')) >= 0) {
    const f = buf.slice(0, nl).split(' '); buf = buf.slice(nl + 1);
    if (f[0] === 'R') run(f[1], Number(f[2]), Buffer.from(f[3] || '', 'hex').toString('utf8'));
    else if (f[0] === 'K') { const c = groups.get(f[1]); if (c) killGroup(c.pid, f[2]); }
  }
});
process.stdin.on('end', shutdown);
process.stdin.on('close', shutdown);
for (const s of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(s, shutdown);
send('READY\n');
`;
