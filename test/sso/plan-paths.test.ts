import { describe, expect, it } from 'vitest';
import { isDirectoryError } from '../../src/directory/index.js';
import {
  activateCertificateStep,
  addCertificateStep,
  assignUserStep,
  configureApplicationStep,
  configureServicePrincipalStep,
  instantiateStep,
  placeholders,
} from '../../src/sso/index.js';
import { unassignUserStep } from '../../src/sso/users/index.js';

// An id as a hostile or broken Graph response could return it.
const oddId = 'sp/../../users?x=#1';
const encodedOddId = 'sp%2F..%2F..%2Fusers%3Fx%3D%231';

function paths(step: { requests: Array<{ path: string }> }): string[] {
  return step.requests.map((request) => request.path);
}

describe('planned request paths', () => {
  it('encode Graph ids as one segment', () => {
    expect(paths(instantiateStep(oddId, 'GoToMeeting', 'https://example.com', 'User'))).toEqual([`/applicationTemplates/${encodedOddId}/instantiate`]);
    expect(paths(configureServicePrincipalStep(oddId, {}, [], 'Switch to SAML'))).toEqual([`/servicePrincipals/${encodedOddId}`]);
    expect(paths(configureApplicationStep(oddId, {}, [], false))).toEqual([`/applications/${encodedOddId}`]);
    expect(paths(addCertificateStep(oddId, 'CN=Test', 3, []))).toEqual([`/servicePrincipals/${encodedOddId}/addTokenSigningCertificate`]);
    expect(paths(activateCertificateStep(oddId, 'ABC', []))).toEqual([`/servicePrincipals/${encodedOddId}`]);
  });

  it('encode ids in assign and unassign steps', () => {
    const assign = assignUserStep({
      servicePrincipalId: oddId,
      principalId: 'user-1',
      principalLabel: 'b.simon@contoso.com',
      appRoleId: 'role-1',
      roleName: 'User',
      freshPrincipal: false,
      dependsOn: [],
    });
    const unassign = unassignUserStep({
      stepId: 'unassign-1',
      servicePrincipalId: oddId,
      principalId: 'user-1',
      principalLabel: 'b.simon@contoso.com',
      assignmentIds: ['assignment/1', '..x'],
    });

    expect(paths(assign)).toEqual([`/servicePrincipals/${encodedOddId}/appRoleAssignedTo`]);
    expect(paths(unassign)).toEqual([
      `/servicePrincipals/${encodedOddId}/appRoleAssignedTo/assignment%2F1`,
      `/servicePrincipals/${encodedOddId}/appRoleAssignedTo/..x`,
    ]);
  });

  it('keep placeholders as written', () => {
    expect(paths(configureServicePrincipalStep(placeholders.servicePrincipalId, {}, [], 'Switch to SAML'))).toEqual(['/servicePrincipals/{servicePrincipalId}']);
    expect(paths(configureApplicationStep(placeholders.applicationId, {}, [], false))).toEqual(['/applications/{applicationId}']);
  });

  it('rejects an id that is a dot segment', () => {
    let caught: unknown;
    try {
      configureApplicationStep('..', {}, [], false);
    } catch (error) {
      caught = error;
    }
    expect(isDirectoryError(caught, 'invalid_request')).toBe(true);
  });
});
