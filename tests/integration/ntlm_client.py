#!/usr/bin/env python3
"""NTLM over HTTP with impacket's message builders (an implementation independent of warpd's), on one
keep-alive connection: NEGOTIATE -> 401 + CHALLENGE -> AUTHENTICATE, then one more request on the same
connection without an Authorization header (the connection is authenticated) and one on a new connection
(which is not). Prints the four status codes, e.g. "401 200 200 401".

usage: ntlm_client.py PORT PATH USER PASSWORD DOMAIN MODE [BODY-FILE]
MODE: v2 (NTLMv2), v1-ess (NTLMv1 with extended session security), v1 (plain NTLMv1)."""
import base64
import http.client
import sys

from impacket import ntlm

port, path, user, password, domain, mode = sys.argv[1:7]
body = open(sys.argv[7], "rb").read() if len(sys.argv) > 7 else b""
v2 = mode == "v2"


def post(conn, headers):
    conn.request("POST", path, body=body, headers=dict(headers, **{"X-MapiHttpCapability": "1"}))
    r = conn.getresponse()
    r.read()
    return r


conn = http.client.HTTPConnection("127.0.0.1", int(port), timeout=10)
type1 = ntlm.getNTLMSSPType1("CLIENT", "", use_ntlmv2=v2)
if mode == "v1":
    type1["flags"] &= ~ntlm.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY
r1 = post(conn, {"Authorization": "NTLM " + base64.b64encode(type1.getData()).decode()})
chal = r1.getheader("WWW-Authenticate", "")
codes = [r1.status]
if r1.status == 401 and chal.startswith("NTLM "):
    type2 = base64.b64decode(chal[5:])
    type3, _ = ntlm.getNTLMSSPType3(type1, type2, user, password, domain, use_ntlmv2=v2)
    r2 = post(conn, {"Authorization": "NTLM " + base64.b64encode(type3.getData()).decode()})
    codes.append(r2.status)
    codes.append(post(conn, {}).status)  # same connection, no header
else:
    codes += [0, 0]
other = http.client.HTTPConnection("127.0.0.1", int(port), timeout=10)
codes.append(post(other, {}).status)
print(" ".join(str(c) for c in codes))
