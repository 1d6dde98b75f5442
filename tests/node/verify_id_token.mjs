// Verify a user-pool ID token with aws-jwt-verify's CognitoJwtVerifier, using a key set fetched
// from the local Cognito. Input on stdin (JSON): {endpoint, userPoolId, clientId, keysOf, token}:
// the verifier is configured for userPoolId, and given the key set of user pool keysOf.
// Prints {"ok": true, "sub": ...} or {"ok": false, "error": "<class>: <message>"}.
import { CognitoJwtVerifier } from "aws-jwt-verify";

const input = JSON.parse(await new Response(process.stdin).text());
const verifier = CognitoJwtVerifier.create({
  userPoolId: input.userPoolId, tokenUse: "id", clientId: input.clientId,
});
const response = await fetch(`${input.endpoint}/${input.keysOf}/.well-known/jwks.json`);
verifier.cacheJwks(await response.json());
try {
  const payload = verifier.verifySync(input.token);
  console.log(JSON.stringify({ ok: true, sub: payload.sub }));
} catch (err) {
  console.log(JSON.stringify({ ok: false, error: `${err.constructor.name}: ${err.message}` }));
}
