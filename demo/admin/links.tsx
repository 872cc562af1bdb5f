import { AdminLayout } from './common/layout.tsx'
import { mountAdminPage } from './common/mount.tsx'
import { LinkBuilder } from './links/LinkBuilder.tsx'

// The link builder page: every channel's link for a bot's entry link or block (README, "Link builder").
mountAdminPage(
  <AdminLayout current="links" heading="Link builder">
    <LinkBuilder qaPage={new URL('/', location.href).href} />
  </AdminLayout>,
)
