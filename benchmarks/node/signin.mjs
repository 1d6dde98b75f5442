// Reference for `cognito-tui credentials`: what a Node.js program does with the AWS SDK for a
// sign-in and credentials (amazon-cognito-identity-js SRP, then GetId and
// GetCredentialsForIdentity with @aws-sdk/client-cognito-identity), whole process.
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from "amazon-cognito-identity-js";
import { CognitoIdentityClient, GetCredentialsForIdentityCommand, GetIdCommand } from "@aws-sdk/client-cognito-identity";

const env = process.env;
const endpoint = env.AWS_ENDPOINT_URL;
const pool = new CognitoUserPool({ UserPoolId: env.DEMO_USER_POOL_ID, ClientId: env.DEMO_CLIENT_ID, endpoint });
const user = new CognitoUser({ Username: env.DEMO_USERNAME, Pool: pool });
const details = new AuthenticationDetails({ Username: env.DEMO_USERNAME, Password: env.COGNITO_PASSWORD });
const session = await new Promise((resolve, reject) =>
  user.authenticateUser(details, { onSuccess: resolve, onFailure: reject }));
const logins = { [`cognito-idp.us-east-1.amazonaws.com/${env.DEMO_USER_POOL_ID}`]: session.getIdToken().getJwtToken() };
const client = new CognitoIdentityClient({ region: "us-east-1", endpoint });
const { IdentityId } = await client.send(new GetIdCommand({ IdentityPoolId: env.DEMO_IDENTITY_POOL_ID, Logins: logins }));
const { Credentials } = await client.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins }));
console.log(JSON.stringify({ Version: 1, AccessKeyId: Credentials.AccessKeyId }));
