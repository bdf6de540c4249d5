# Runs a command on a pseudo-terminal and answers it: argv[1] is a JSON list of
# [text to wait for, line to send]; prints everything the command wrote.
import json, os, pty, select, sys, time

script = json.loads(sys.argv[1])
cmd = sys.argv[2:]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(cmd[0], cmd)
out = b''
deadline = time.time() + float(os.environ.get('PTY_DEADLINE', '200'))

def read_until(text):
    global out
    mark = len(out)
    while time.time() < deadline:
        if text.encode() in out[mark:] or text.encode() in out:
            if text.encode() in out[mark:]:
                return True
        r, _, _ = select.select([fd], [], [], 0.2)
        if r:
            try:
                data = os.read(fd, 65536)
            except OSError:
                return False
            if not data:
                return False
            out += data
    return False

pos = 0
ok = True
for wait, send in script:
    # Wait for the text after what was already matched.
    while time.time() < deadline:
        i = out.find(wait.encode(), pos)
        if i >= 0:
            pos = i + len(wait)
            break
        r, _, _ = select.select([fd], [], [], 0.2)
        if r:
            try:
                data = os.read(fd, 65536)
            except OSError:
                data = b''
            if not data:
                ok = False
                break
            out += data
    else:
        ok = False
    if not ok:
        break
    os.write(fd, (send + '\r').encode())
# Drain until the command exits.
while time.time() < deadline:
    r, _, _ = select.select([fd], [], [], 0.2)
    if r:
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        out += data
_, status = os.waitpid(pid, 0)
sys.stdout.write(out.decode('utf8', 'replace'))
sys.stdout.write('\n__STATUS=%d OK=%d\n' % (os.waitstatus_to_exitcode(status), ok))
