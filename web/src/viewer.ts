import { createContext, useContext } from 'react';
import { holds } from './roles';

/** Who is signed in. */
export interface Viewer {
  id: string;
  roles: string[];
  method: string;
}

export const ViewerContext = createContext<Viewer>({ id: '', roles: [], method: 'none' });

/** The signed-in actor, and whether they hold a role (buttons they may not use are not offered). */
export function useViewer() {
  const viewer = useContext(ViewerContext);
  return { ...viewer, can: (role: string) => holds(viewer.roles, role) };
}
