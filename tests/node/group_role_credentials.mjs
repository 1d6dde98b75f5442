// GetId + GetCredentialsForIdentity through the AWS SDK for JavaScript v3, as an app would.
// Input on stdin (JSON): {endpoint, region, identityPoolId, provider, idToken}.
// Prints {"identityId", "accessKeyId", "secretKey", "sessionToken"} or {"error": "<name>: <message>"}.
import {
  CognitoIdentityClient, GetIdCommand, GetCredentialsForIdentityCommand,
} from "@aws-sdk/client-cognito-identity";

const input = JSON.parse(await new Response(process.stdin).text());
const client = new CognitoIdentityClient({ region: input.region, endpoint: input.endpoint, maxAttempts: 1 });
const logins = { [input.provider]: input.idToken };
try {
  const { IdentityId } = await client.send(new GetIdCommand({ IdentityPoolId: input.identityPoolId, Logins: logins }));
  const { Credentials } = await client.send(
    new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins }));
  console.log(JSON.stringify({
    identityId: IdentityId, accessKeyId: Credentials.AccessKeyId,
    secretKey: Credentials.SecretKey, sessionToken: Credentials.SessionToken,
  }));
} catch (err) {
  console.log(JSON.stringify({ error: `${err.constructor.name}: ${err.message}` }));
}
