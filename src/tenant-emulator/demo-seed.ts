import { galleryCatalog } from './gallery-catalog.js';
import type { SeedUser, TenantSeed } from './types.js';

// The demo organization. The tenant id and the first six users are the mock
// tenant and users of the Microsoft 365 Agents Playground 0.2.28 default
// configuration, so a message sent from the Playground resolves to a user
// here. Those ids are not canonical GUIDs because their last group has 13 digits.
// `contoso.example` uses the reserved `.example` top-level domain (RFC 2606)
// and `example.com` is the Playground users' reserved domain.

export const DEMO_TENANT_ID = '00000000-0000-0000-0000-0000000000001';
export const DEMO_DEFAULT_DOMAIN = 'contoso.example';
export const PLAYGROUND_DOMAIN = 'example.com';

export const ALEX_WILBER_ID = '00000000-0000-0000-0000-0000000000020';
export const MEGAN_BOWEN_ID = '00000000-0000-0000-0000-0000000000021';
export const ADELE_VANCE_ID = '00000000-0000-0000-0000-0000000000022';
export const ISAIAH_LANGER_ID = '00000000-0000-0000-0000-0000000000023';
export const PATTI_FERNANDEZ_ID = '00000000-0000-0000-0000-0000000000024';
export const LYNNE_ROBBINS_ID = '00000000-0000-0000-0000-0000000000025';

export const BRITTA_SIMON_ID = 'ff77b150-b77a-49b8-bfd8-a8c84e1a4dc2';
export const BRIAN_SIMON_ID = '98f3cd5e-a122-4692-90f3-5528f8eff979';
export const ZOE_FERREIRA_ID = '96339051-184f-481b-a593-6232c094519d';
export const SEAN_OBRIEN_ID = 'e6a35944-7262-4208-9fa2-9d24e50c8117';
export const CHRIS_GREEN_ID = 'a48e5252-a331-411f-b5de-82a89ef6f29b';
export const DANA_GUEST_ID = '3f4302b5-ae14-4748-bfb3-7957f7867288';

/** Members: Alex Wilber and Megan Bowen. */
export const APPROVERS_GROUP_ID = '1e48373a-53e8-41b1-a6bf-639a07712b19';
/** Members: Adele Vance, Brian Simon and Britta Simon; not an approver group. */
export const SALES_GROUP_ID = '54d3c246-fc14-411b-a5ac-3ad86cc62f15';

function playgroundUser(id: string, givenName: string, surname: string, upn: string, mail: string): SeedUser {
  return { id, displayName: `${givenName} ${surname}`, givenName, surname, userPrincipalName: upn, mail };
}

function contosoUser(id: string, givenName: string, surname: string, localPart: string, mail?: string): SeedUser {
  const userPrincipalName = `${localPart}@${DEMO_DEFAULT_DOMAIN}`;
  return { id, displayName: `${givenName} ${surname}`, givenName, surname, userPrincipalName, mail: mail ?? userPrincipalName };
}

export const demoSeed: TenantSeed = {
  tenantId: DEMO_TENANT_ID,
  displayName: 'Contoso (demo)',
  verifiedDomains: [
    { name: DEMO_DEFAULT_DOMAIN, isDefault: true, isInitial: true },
    { name: PLAYGROUND_DOMAIN, isDefault: false, isInitial: false },
  ],
  users: [
    { ...playgroundUser(ALEX_WILBER_ID, 'Alex', 'Wilber', 'alexw@example.com', 'alexw@example.com'), jobTitle: 'IT Administrator' },
    { ...playgroundUser(MEGAN_BOWEN_ID, 'Megan', 'Bowen', 'meganb@example.com', 'meganb@example.com'), jobTitle: 'Security Lead' },
    playgroundUser(ADELE_VANCE_ID, 'Adele', 'Vance', 'adelev@example.com', 'adelev@example.com'),
    playgroundUser(ISAIAH_LANGER_ID, 'Isaiah', 'Langer', 'isaiah@example.com', 'isaiahl@example.com'),
    playgroundUser(PATTI_FERNANDEZ_ID, 'Patti', 'Fernandez', 'pattif@example.com', 'pattif@example.com'),
    playgroundUser(LYNNE_ROBBINS_ID, 'Lynne', 'Robbins', 'lynner@example.com', 'lynner@example.com'),
    contosoUser(BRITTA_SIMON_ID, 'Britta', 'Simon', 'britta.simon'),
    contosoUser(BRIAN_SIMON_ID, 'Brian', 'Simon', 'brian.simon'),
    contosoUser(ZOE_FERREIRA_ID, 'Zoë', 'Ferreira', 'zoe.ferreira'),
    contosoUser(SEAN_OBRIEN_ID, 'Sean', "O'Brien", "sean.o'brien"),
    contosoUser(CHRIS_GREEN_ID, 'Chris', 'Green', 'chris.green', `chris.green+sso@${DEMO_DEFAULT_DOMAIN}`),
    {
      id: DANA_GUEST_ID,
      displayName: 'Dana Reyes (Fabrikam)',
      givenName: 'Dana',
      surname: 'Reyes',
      userPrincipalName: `dana_fabrikam.example#EXT#@${DEMO_DEFAULT_DOMAIN}`,
      mail: 'dana@fabrikam.example',
      userType: 'Guest',
    },
  ],
  groups: [
    { id: APPROVERS_GROUP_ID, displayName: 'SSO Change Approvers', memberIds: [ALEX_WILBER_ID, MEGAN_BOWEN_ID] },
    { id: SALES_GROUP_ID, displayName: 'Sales', memberIds: [ADELE_VANCE_ID, BRIAN_SIMON_ID, BRITTA_SIMON_ID] },
  ],
  gallery: galleryCatalog,
};
